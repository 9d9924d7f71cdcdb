import type { ReactElement } from 'react';
import { triggerKill } from '../../state/control-actions';
import { useClient } from '../../state/client-context';
import { useEngineStore } from '../../state/engine-store';
import { useKillStore } from '../../state/kill-store';
import { KILL_SHORTCUT_LABEL } from '../keyboard/shortcut-keys';

/**
 * The emergency stop: a red mushroom button. One press kills — no dialog in the way. Pressing
 * again while HALTED is harmless (the engine keeps sweeping), so it is never disabled.
 */
export function KillButton(): ReactElement {
  const client = useClient();
  const halted = useEngineStore((s) => s.status?.controlMode === 'HALTED');
  const sending = useKillStore((s) => s.request === 'sending');
  return (
    <div className="kill-housing">
      <button
        type="button"
        className={`kill-button${halted ? ' kill-latched' : ''}`}
        data-testid="kill-button"
        aria-label={`KILL — halt all trading (${KILL_SHORTCUT_LABEL})`}
        onClick={() => void triggerKill(client, 'ui')}
      >
        <span className="kill-cap">{sending ? '…' : 'KILL'}</span>
      </button>
      <span className="kill-shortcut">{KILL_SHORTCUT_LABEL}</span>
    </div>
  );
}
