import type { ReactElement } from 'react';
import { setControlMode } from '../../state/control-actions';
import { useClient } from '../../state/client-context';
import { useEngineStore } from '../../state/engine-store';

/** Pause entries / reduce-only / resume. Hidden while HALTED: only re-arm leaves the latch. */
export function ControlModeButtons(): ReactElement | null {
  const client = useClient();
  const mode = useEngineStore((s) => s.status?.controlMode);
  if (mode === undefined || mode === 'HALTED') return null;
  return (
    <div className="mode-buttons" role="group" aria-label="Control mode">
      <button
        type="button"
        data-testid="pause-button"
        disabled={mode === 'PAUSED'}
        title="Key P"
        onClick={() => void setControlMode(client, 'pause')}
      >
        Pause entries
      </button>
      <button
        type="button"
        disabled={mode === 'REDUCING'}
        onClick={() => void setControlMode(client, 'reduce')}
      >
        Reduce only
      </button>
      <button
        type="button"
        data-testid="resume-button"
        disabled={mode === 'RUNNING'}
        onClick={() => void setControlMode(client, 'resume')}
      >
        Resume
      </button>
    </div>
  );
}
