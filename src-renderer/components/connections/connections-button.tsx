import type { ReactElement } from 'react';
import type { FeedState } from '../../../src-shared/domain/market';
import { useConnectionsStore } from '../../state/connections-store';
import { FEED_STATE_TONE } from './feed-state-tone';

const SEVERITY: Readonly<Record<FeedState, number>> = {
  LIVE: 0,
  ENDED: 1,
  CONNECTING: 1,
  STALE: 2,
  DOWN: 3,
};

/**
 * The way into the Connections drawer (in the status line, so the top bar keeps its width for
 * the KILL button): what the engine plays (REPLAY or LIVE) and, on live prices, the worst
 * connection state. The top bar's feed fact shows the same worst state.
 */
export function ConnectionsButton(): ReactElement {
  const list = useConnectionsStore((s) => s.list);
  const setOpen = useConnectionsStore((s) => s.setOpen);
  const states = (list?.connections ?? [])
    .map((c) => c.health?.state)
    .filter((s): s is FeedState => s !== undefined);
  const worst = states.reduce<FeedState | null>(
    (w, s) => (w === null || SEVERITY[s] > SEVERITY[w] ? s : w),
    null,
  );
  const live = list?.source === 'live';
  return (
    <button
      type="button"
      className="connections-button"
      data-testid="open-connections"
      aria-haspopup="dialog"
      title="Exchange connections, live prices or replay, API keys"
      onClick={() => setOpen(true)}
    >
      Connections · prices <strong data-testid="market-source">{live ? 'LIVE' : 'REPLAY'}</strong>
      {live && worst !== null && worst !== 'LIVE' && (
        <span className={`small ${FEED_STATE_TONE[worst]}`}> {worst}</span>
      )}
    </button>
  );
}
