import type { ReactElement } from 'react';
import type { AutopilotMode } from '../../../src-shared/contract/plans';
import { useAutopilotStore } from '../../state/autopilot-store';
import { useClient } from '../../state/client-context';
import { switchAutopilot } from '../../state/follow-autopilot';
import { actorText } from '../../../src-shared/domain/actor-words';

const MODES: ReadonlyArray<{ mode: AutopilotMode; label: string }> = [
  { mode: 'off', label: 'Off' },
  { mode: 'shadow', label: 'Shadow' },
  { mode: 'on', label: 'On' },
];

/**
 * The paper book's autopilot in the top bar, narrow enough for a 1280 px window: ON stands
 * out in amber, SHADOW in violet, with today's count against the cap.
 */
export function AutopilotBadge(): ReactElement | null {
  const status = useAutopilotStore((s) => s.status);
  if (status === null) return null;
  return (
    <div
      className={`autopilot-badge autopilot-${status.mode}`}
      data-testid="autopilot-badge"
      data-mode={status.mode}
      title={`${status.reason} — by ${actorText(status.actor)}`}
    >
      <span className="autopilot-caption">AUTOPILOT</span>
      <span className="autopilot-state">
        {status.mode.toUpperCase()}
        {status.mode !== 'off' && ` ${status.tradesToday}/${status.maxTradesPerDay}`}
      </span>
    </div>
  );
}

/** The switch (Off / Shadow / On) with what it does, in the side column; off by kill says so. */
export function AutopilotSwitch(): ReactElement | null {
  const client = useClient();
  const status = useAutopilotStore((s) => s.status);
  if (status === null) return null;
  const title = `${status.reason} — by ${actorText(status.actor)}; ${status.tradesToday} of ${status.maxTradesPerDay} autopilot trades today`;
  return (
    <div
      className={`autopilot autopilot-${status.mode}`}
      data-testid="autopilot"
      data-mode={status.mode}
      title={title}
    >
      <span className="autopilot-label">
        {status.mode.toUpperCase()}
        {status.mode !== 'off' && (
          <span className="small">
            {' '}
            · {status.tradesToday} of {status.maxTradesPerDay} trades today
          </span>
        )}
        {status.offByKill && <span className="small"> · off by kill</span>}
      </span>
      <div className="segmented" role="group" aria-label="Autopilot">
        {MODES.map((m) => (
          <button
            key={m.mode}
            type="button"
            aria-pressed={status.mode === m.mode}
            className={status.mode === m.mode ? 'active' : ''}
            data-testid={`autopilot-${m.mode}`}
            onClick={() => void switchAutopilot(client, m.mode)}
          >
            {m.label}
          </button>
        ))}
      </div>
      <p className="muted small autopilot-help">
        On: PRIME signals become plans, sent within every risk limit. Shadow: plans recorded,
        nothing sent. A kill turns it off.
      </p>
    </div>
  );
}
