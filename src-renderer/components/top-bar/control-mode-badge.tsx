import type { ReactElement } from 'react';
import { useEngineStore } from '../../state/engine-store';
import { useKillStore } from '../../state/kill-store';
import { actorText } from '../../../src-shared/domain/actor-words';

/**
 * RUNNING / PAUSED / REDUCING / HALTED with who and why on hover. Without a connection there
 * is no mode to show: the badge says the engine is stopped (or still connecting), never a
 * stale green RUNNING.
 */
export function ControlModeBadge(): ReactElement {
  const mode = useEngineStore((s) => s.status?.controlMode);
  const connection = useEngineStore((s) => s.connection);
  const everConnected = useEngineStore((s) => s.everConnected);
  const control = useKillStore((s) => s.control?.control);
  if (connection !== 'open') {
    const text = everConnected ? 'ENGINE STOPPED' : 'CONNECTING';
    return (
      <div
        className="control-mode control-offline"
        data-testid="control-mode"
        title={mode === undefined ? undefined : `Last known mode: ${mode}`}
      >
        {text}
      </div>
    );
  }
  return (
    <div
      className={`control-mode control-${(mode ?? 'unknown').toLowerCase()}`}
      data-testid="control-mode"
      title={
        control === undefined ? undefined : `${control.reason} — by ${actorText(control.actor)}`
      }
    >
      {mode ?? '—'}
    </div>
  );
}
