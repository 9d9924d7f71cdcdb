import type { ReactElement } from 'react';
import { useBookStore } from '../../state/book-store';
import { useEngineStore } from '../../state/engine-store';
import { formatUtc } from '../../format';
import { useKillStore } from '../../state/kill-store';
import { actorText } from '../../../src-shared/domain/actor-words';
import { KillUnknownOutcomes } from './kill-unknown-outcomes';

/** Orders and positions left, the step the sweep is in, and its final state. */
export function KillProgressView(): ReactElement {
  const progress = useKillStore((s) => s.progress);
  const kill = useKillStore((s) => s.control?.kill ?? null);
  const requestError = useKillStore((s) => s.requestError);
  const control = useKillStore((s) => s.control);
  const halted = useEngineStore((s) => s.status?.controlMode === 'HALTED');
  // Positions open now, from the valuation every mark sends: after the sweep the trader may close
  // what the kill left (reduce-only orders are accepted while HALTED), and the panel follows.
  const openNow = useBookStore((s) =>
    s.valuation === null ? null : s.valuation.positions.filter((p) => Number(p.qty) !== 0).length,
  );
  if (progress === null && kill === null) {
    return (
      <div className="kill-progress" data-testid="kill-progress">
        <p className="empty">No kill since the last re-arm.</p>
        {requestError !== null && <p className="tone-bad">Last request failed: {requestError}</p>}
      </div>
    );
  }
  if (!halted) {
    // Re-armed since: the last kill is history, not a state to read as current.
    return (
      <div className="kill-progress" data-testid="kill-progress">
        <p className="muted small" data-testid="last-kill">
          Armed. Last kill
          {kill === null ? '' : ` at ${formatUtc(kill.startedAt)} by ${actorText(kill.actor)}`}
          {kill?.phase === 'done' ? ', completed.' : '.'}
        </p>
        {requestError !== null && <p className="tone-bad">Last request failed: {requestError}</p>}
      </div>
    );
  }
  const ordersLeft = progress?.openOrders ?? control?.openOrders ?? null;
  const finished = progress?.done === true || (kill !== null && kill.phase === 'done');
  const swept = progress?.positions ?? control?.positions ?? null;
  const positionsLeft = finished && openNow !== null ? openNow : swept;
  const count = (n: number | null): string => (n === null ? 'unknown' : String(n));
  const outcomes = kill?.unknownOutcomes ?? [];
  return (
    <div className="kill-progress" data-testid="kill-progress">
      <div
        className={`kill-state ${finished ? 'kill-done' : 'kill-running'}`}
        data-testid="kill-state"
      >
        {finished ? 'Kill complete' : `Kill in progress: ${progress?.step ?? kill?.phase ?? '…'}`}
      </div>
      <dl className="kill-counts">
        <div>
          <dt>Orders left</dt>
          <dd data-testid="kill-orders-left">{count(ordersLeft)}</dd>
        </div>
        <div>
          <dt>Positions left</dt>
          <dd data-testid="kill-positions-left">{count(positionsLeft)}</dd>
        </div>
        <div>
          <dt>Flatten</dt>
          <dd>{kill?.flatten === true ? 'yes' : 'no'}</dd>
        </div>
      </dl>
      {/* The sweep's own words while it runs; once done, the counts above say it all. The
          orders of unknown outcome are listed under them, from the kill state: the words leave
          them out rather than say each order twice. */}
      {progress !== null && !finished && (
        <p className="kill-message" data-testid="kill-message">
          {outcomes.length > 0 ? (progress.brief ?? progress.message) : progress.message}
        </p>
      )}
      <KillUnknownOutcomes outcomes={outcomes} />
      {kill !== null && (
        <p className="muted small" data-testid="kill-by">
          By {actorText(kill.actor)} · {kill.reason} · {kill.attempts} attempt
          {kill.attempts === 1 ? '' : 's'}
        </p>
      )}
    </div>
  );
}
