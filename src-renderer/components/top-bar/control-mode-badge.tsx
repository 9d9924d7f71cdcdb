import type { ReactElement } from 'react';
import { useEngineStore } from '../../state/engine-store';
import { useKillStore } from '../../state/kill-store';

/** RUNNING / PAUSED / REDUCING / HALTED with the engine's reason on hover. */
export function ControlModeBadge(): ReactElement {
  const mode = useEngineStore((s) => s.status?.controlMode);
  const reason = useKillStore((s) => s.control?.control.reason);
  return (
    <div
      className={`control-mode control-${(mode ?? 'unknown').toLowerCase()}`}
      data-testid="control-mode"
      title={reason ?? undefined}
    >
      {mode ?? '—'}
    </div>
  );
}
