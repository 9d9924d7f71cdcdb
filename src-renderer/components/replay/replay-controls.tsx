import { useState, type ReactElement } from 'react';
import type { CommandInput } from '../../../src-shared/contract/commands';
import { ReplaySpeedSchema } from '../../../src-shared/domain/market';
import { useClient } from '../../state/client-context';
import { errorText } from '../../state/error-text';
import { useMarketStore } from '../../state/market-store';
import { formatUtc } from '../../format';

const DAY = 86_400_000;

/**
 * Restart / rewind a day / play / pause / step / forward a day / speed, and a slider over the
 * whole replay. The state shown is the engine's (replayChanged events and command replies).
 * Moving in time is refused by the engine while the paper book has positions or orders; the
 * refusal is shown next to the controls.
 */
export function ReplayControls(): ReactElement | null {
  const client = useClient();
  const feed = useMarketStore((s) => s.feed);
  const replay = useMarketStore((s) => s.replay);
  const feedTime = useMarketStore((s) => s.feedTime);
  const [error, setError] = useState<string | null>(null);
  // The slider's position while dragged; the seek goes out on release.
  const [dragging, setDragging] = useState<number | null>(null);
  if (feed === null || feed.feed !== 'replay') return null;
  const send = (input: CommandInput<'controlReplay'>): void => {
    setError(null);
    client.call('controlReplay', input).then(
      (state) => useMarketStore.getState().setReplay(state),
      (e: unknown) => setError(errorText(e)),
    );
  };
  const playing = replay?.playing ?? feed.state === 'LIVE';
  // While the engine is still loading the replay files there is nothing to control yet.
  const loading = feed.state === 'CONNECTING' || replay === null;
  const why = loading ? feed.reason : undefined;
  const seekBy = (ms: number): void => {
    if (replay === null) return;
    send({ action: 'seek', to: Math.min(replay.end, Math.max(replay.start, replay.now + ms)) });
  };
  return (
    <div className="replay-controls" role="group" aria-label="Replay" data-testid="replay-controls">
      <span className="muted small">Replay</span>
      <button
        type="button"
        aria-label="Restart the replay"
        data-testid="replay-restart"
        disabled={loading}
        title={why ?? 'Back to the start of the replay (after its warm-up history)'}
        onClick={() => send({ action: 'restart' })}
      >
        Restart
      </button>
      <button
        type="button"
        data-testid="replay-rewind"
        disabled={loading || (replay !== null && replay.now <= replay.start)}
        title={why ?? 'One day back (the scanner warms up again there)'}
        onClick={() => seekBy(-DAY)}
      >
        −1 day
      </button>
      <button
        type="button"
        aria-label="Play"
        aria-pressed={playing}
        className={playing ? 'active' : ''}
        disabled={loading}
        title={why}
        onClick={() => send({ action: 'play' })}
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
        onClick={() => send({ action: 'pause' })}
      >
        ❚❚ Pause
      </button>
      <button
        type="button"
        aria-label="Step one bar"
        disabled={loading}
        title={why}
        onClick={() => send({ action: 'step' })}
      >
        Step
      </button>
      <button
        type="button"
        data-testid="replay-forward"
        disabled={loading || (replay !== null && replay.now >= replay.end)}
        title={why ?? 'One day ahead (the bars in between are skipped, not played)'}
        onClick={() => seekBy(DAY)}
      >
        +1 day
      </button>
      <select
        aria-label="Replay speed"
        data-testid="replay-speed"
        value={replay?.speed ?? ''}
        disabled={loading}
        title={why ?? 'Choosing a speed plays at that speed'}
        onChange={(e) => send({ action: 'play', speed: ReplaySpeedSchema.parse(e.target.value) })}
      >
        {replay === null && <option value="">speed</option>}
        {ReplaySpeedSchema.options.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      {replay !== null && (
        <input
          type="range"
          aria-label="Replay position"
          data-testid="replay-position"
          className="replay-position"
          min={replay.start}
          max={replay.end}
          step={3_600_000}
          value={dragging ?? replay.now}
          title={`${formatUtc(replay.start)} to ${formatUtc(replay.end)}`}
          onChange={(e) => setDragging(Number(e.target.value))}
          onPointerUp={() => {
            if (dragging !== null) send({ action: 'seek', to: Math.round(dragging) });
            setDragging(null);
          }}
          onKeyUp={() => {
            if (dragging !== null) send({ action: 'seek', to: Math.round(dragging) });
            setDragging(null);
          }}
        />
      )}
      {(dragging ?? feedTime) !== null && (
        <span
          className="small muted"
          data-testid="replay-time"
          title="Replay clock: close time of the newest bar"
        >
          {formatUtc(dragging ?? (feedTime as number))}
        </span>
      )}
      {replay?.finished === true && <span className="small tone-warn">replay finished</span>}
      {error !== null && (
        <span className="small tone-bad" data-testid="replay-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
