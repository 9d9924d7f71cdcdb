import type { ReactElement } from 'react';
import { formatDuration } from '../../format';
import { FINAL_ORDER_STATES } from '../../../src-shared/domain/order';
import { useBookStore } from '../../state/book-store';
import { useEngineStore } from '../../state/engine-store';
import { Fact } from './fact';
import { FeedFact } from './feed-fact';
import { MoneyFacts } from './money-facts';

/**
 * Equity, today's PnL, loss share of the daily limit, feed status and loop lag. Figures whose
 * engine area is not in this build say so instead of showing a number.
 */
export function EngineFacts(): ReactElement {
  const status = useEngineStore((s) => s.status);
  // p99 over the engine's recent window (the last minute), of the loop that carries the kill
  // switch (target < 20 ms).
  const lag = status?.eventLoopLag;
  const connection = useEngineStore((s) => s.connection);
  // The book's own list is the truth about working orders; the kill sweep's count is per venue.
  const working = useBookStore(
    (s) => s.orders.filter((o) => !FINAL_ORDER_STATES.has(o.state)).length,
  );
  return (
    <dl className="engine-facts">
      <MoneyFacts />
      <Fact label="Working orders" testId="open-orders-count" value={working} />
      <FeedFact />
      <Fact
        label="Loop lag p99"
        testId="loop-lag"
        value={lag === undefined ? '—' : `${lag.p99Ms.toFixed(1)} ms`}
        tone={lag === undefined ? undefined : lag.p99Ms >= 20 ? 'bad' : 'good'}
      />
      <Fact
        label="Engine"
        testId="connection"
        value={connection === 'open' ? 'connected' : connection}
        tone={connection === 'open' ? 'good' : 'bad'}
      />
      <Fact label="Uptime" testId="uptime" value={status ? formatDuration(status.uptimeMs) : '—'} />
    </dl>
  );
}
