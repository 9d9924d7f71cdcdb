import { useState, type ReactElement } from 'react';
import { useControlStore } from '../state/control-store';

/**
 * The kill switch: one big button that works in any mode, the kill's progress, and re-arming
 * behind a typed confirmation (never a single click, never the same key).
 */
export function KillPanel(): ReactElement {
  const { status, progress, shortcut, lastRejection, error, actions } = useControlStore();
  const [flatten, setFlatten] = useState(false);
  const [confirm, setConfirm] = useState('');
  const mode = status?.control.mode;
  return (
    <div className="kill-panel">
      <button
        type="button"
        className="kill-button"
        data-testid="kill-button"
        disabled={actions === null}
        onClick={() => void actions?.kill(flatten)}
      >
        KILL
      </button>
      <label className="kill-flatten">
        <input type="checkbox" checked={flatten} onChange={(e) => setFlatten(e.target.checked)} />
        also close every position
      </label>
      {status !== null && (
        <p data-testid="control-reason">
          {status.control.mode}: {status.control.reason}{' '}
          <span className="muted">({status.control.actor})</span>
          <br />
          open orders {status.openOrders ?? '?'} · positions {status.positions ?? '?'}
        </p>
      )}
      {progress !== null && (
        <p className={progress.done ? 'kill-done' : 'kill-progress'} data-testid="kill-progress">
          {progress.message}
        </p>
      )}
      {mode === 'HALTED' ? (
        <form
          className="rearm"
          onSubmit={(e) => {
            e.preventDefault();
            void actions?.rearm(confirm).then(() => setConfirm(''));
          }}
        >
          <input
            aria-label="Type REARM to re-arm"
            placeholder="type REARM"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
          <button type="submit" disabled={confirm !== 'REARM'}>
            Re-arm
          </button>
        </form>
      ) : (
        <div className="mode-buttons">
          <button type="button" onClick={() => void actions?.pause()} disabled={mode === 'PAUSED'}>
            Pause entries
          </button>
          <button
            type="button"
            onClick={() => void actions?.reduce()}
            disabled={mode === 'REDUCING'}
          >
            Reduce only
          </button>
          <button
            type="button"
            onClick={() => void actions?.resume()}
            disabled={mode === 'RUNNING'}
          >
            Resume
          </button>
        </div>
      )}
      {shortcut !== null && !shortcut.registered && (
        <p className="error-banner" role="alert">
          {shortcut.message}
        </p>
      )}
      {lastRejection !== null && (
        <p className="muted" data-testid="last-rejection">
          Refused {lastRejection.side} {lastRejection.symbol}: {lastRejection.reason}
        </p>
      )}
      {error !== null && (
        <p className="error-banner" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
