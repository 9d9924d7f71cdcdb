import { useState, type ReactElement } from 'react';
import { ReplaySpeedSchema, type ReplaySpeed } from '../../../src-shared/domain/market';
import { useClient } from '../../state/client-context';
import { errorText } from '../../state/error-text';
import { useMarketStore } from '../../state/market-store';
import { formatUtc } from '../../format';

/**
 * Play / pause / step / speed for the replay feed. The state shown is the engine's answer to
 * the last action; before any action only the feed status (top bar) is known.
 */
export function ReplayControls(): ReactElement | null {
  const client = useClient();
  const feed = useMarketStore((s) => s.feed);
  const replay = useMarketStore((s) => s.replay);
  const feedTime = useMarketStore((s) => s.feedTime);
  const [error, setError] = useState<string | null>(null);
  if (feed === null || feed.feed !== 'replay') return null;
  const send = (action: 'play' | 'pause' | 'step', speed?: ReplaySpeed): void => {
    setError(null);
    client.call('controlReplay', { action, ...(speed === undefined ? {} : { speed }) }).then(
      (state) => useMarketStore.getState().setReplay(state),
      (e: unknown) => setError(errorText(e)),
    );
  };
  const playing = replay?.playing ?? feed.state === 'LIVE';
  // While the engine is still loading the replay files there is nothing to control yet.
  const loading = feed.state === 'CONNECTING';
  const why = loading ? feed.reason : undefined;
  return (
    <div className="replay-controls" role="group" aria-label="Replay" data-testid="replay-controls">
      <span className="muted small">Replay</span>
      <button
        type="button"
        aria-label="Play"
        aria-pressed={playing}
        className={playing ? 'active' : ''}
        disabled={loading}
        title={why}
        onClick={() => send('play')}
      >
        ▶ Play
      </button>
      <button
        type="button"
        aria-label="Pause"
        aria-pressed={!playing}
        className={!playing ? 'active' : ''}
        disabled={loading}
        title={why}
        onClick={() => send('pause')}
      >
        ❚❚ Pause
      </button>
      <button
        type="button"
        aria-label="Step one bar"
        disabled={loading}
        title={why}
        onClick={() => send('step')}
      >
        Step
      </button>
      <select
        aria-label="Replay speed"
        data-testid="replay-speed"
        value={replay?.speed ?? ''}
        disabled={loading}
        title={why ?? 'Choosing a speed plays at that speed'}
        onChange={(e) => send('play', ReplaySpeedSchema.parse(e.target.value))}
      >
        {replay === null && <option value="">speed</option>}
        {ReplaySpeedSchema.options.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      {feedTime !== null && (
        <span
          className="small muted"
          data-testid="replay-time"
          title="Replay clock: close time of the newest bar"
        >
          {formatUtc(feedTime)}
        </span>
      )}
      {replay?.finished === true && <span className="small tone-warn">replay finished</span>}
      {error !== null && <span className="small tone-bad">{error}</span>}
    </div>
  );
}
