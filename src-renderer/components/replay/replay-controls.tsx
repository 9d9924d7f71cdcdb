import { useRef, useState, type ReactElement } from 'react';
import type { CommandInput } from '../../../src-shared/contract/commands';
import { ReplaySpeedSchema } from '../../../src-shared/domain/market';
import { useClient } from '../../state/client-context';
import { errorText } from '../../state/error-text';
import { useMarketStore } from '../../state/market-store';
import { formatUtc } from '../../format';
import { SliderSeek } from '../../view/slider-seek';

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
  // Where the slider was moved to (dragged or arrow keys), held until every seek sent from it is
  // answered; the state only re-renders the slider when that changes.
  const seek = useRef(new SliderSeek()).current;
  const [target, setTarget] = useState<number | null>(null);
  if (feed === null || feed.feed !== 'replay') return null;
  const send = (input: CommandInput<'controlReplay'>): void => {
    setError(null);
    client.call('controlReplay', input).then(
      (state) => useMarketStore.getState().setReplay(state),
      (e: unknown) => setError(errorText(e)),
    );
  };
  const settle = (): void => {
    if (seek.answered()) setTarget(null);
  };
  const seekTo = (to: number): void => {
    setError(null);
    client.call('controlReplay', { action: 'seek', to: Math.round(to) }).then(
      (state) => {
        useMarketStore.getState().setReplay(state);
        settle();
      },
      (e: unknown) => {
        setError(errorText(e));
        settle();
      },
    );
  };
  const release = (): void => {
    const to = seek.released();
    if (to !== null) seekTo(to);
  };
  // Only the engine's pushed state says whether the replay plays; nothing is guessed before it.
  const playing = replay?.playing === true;
  const paused = replay?.playing === false;
  // While the engine is still loading the replay files there is nothing to control yet.
  const loading = feed.state === 'CONNECTING' || replay === null;
  const why = loading ? feed.reason : undefined;
  // The replay clock moves with every bar while playing; its state is pushed only on changes.
  const position =
    replay === null
      ? null
      : playing && feedTime !== null
        ? Math.max(replay.now, feedTime)
        : replay.now;
  const seekBy = (ms: number): void => {
    if (replay === null || position === null) return;
    seek.moved(Math.min(replay.end, Math.max(replay.start, (seek.shown() ?? position) + ms)));
    setTarget(seek.shown());
    release();
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
        aria-pressed={paused}
        className={paused ? 'active' : ''}
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
      {replay !== null && position !== null && (
        <input
          type="range"
          aria-label="Replay position"
          data-testid="replay-position"
          className="replay-position"
          min={replay.start}
          max={replay.end}
          step={3_600_000}
          value={target ?? position}
          title={`${formatUtc(replay.start)} to ${formatUtc(replay.end)}`}
          onChange={(e) => {
            seek.moved(Number(e.target.value));
            setTarget(seek.shown());
          }}
          onPointerUp={release}
          onKeyUp={release}
        />
      )}
      {(target ?? feedTime) !== null && (
        <span
          className="small muted"
          data-testid="replay-time"
          title="Replay clock: close time of the newest bar"
        >
          {formatUtc(target ?? (feedTime as number))}
        </span>
      )}
      {replay?.finished === true && (
        <span
          className="small tone-warn"
          data-testid="replay-finished"
          role="status"
          title="The data has no more bars: no price comes, so nothing fills or triggers. Positions and orders stay as they are; nothing was cancelled."
        >
          replay finished: prices stopped, orders kept
        </span>
      )}
      {error !== null && (
        <span className="small tone-bad" data-testid="replay-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
