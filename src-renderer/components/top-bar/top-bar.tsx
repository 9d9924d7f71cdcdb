import type { ReactElement } from 'react';
import { useEngineStore } from '../../state/engine-store';
import { KillButton } from '../kill/kill-button';
import { AutopilotBadge } from '../plans/autopilot-switch';
import { ControlModeBadge } from './control-mode-badge';
import { EngineFacts } from './engine-facts';
import { ModeBadge } from './mode-badge';

/** Mode, control state, money, health and the KILL button — the line a trader reads first. */
export function TopBar(): ReactElement {
  const lastError = useEngineStore((s) => s.lastError);
  return (
    <header className="top-bar">
      <h1 className="brand">VIGIL</h1>
      <ModeBadge />
      <ControlModeBadge />
      <AutopilotBadge />
      <div className="spacer" />
      <EngineFacts />
      <KillButton />
      {lastError !== null && (
        <div className="error-banner" role="alert">
          {lastError}
        </div>
      )}
    </header>
  );
}
