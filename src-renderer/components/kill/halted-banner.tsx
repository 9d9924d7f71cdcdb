import type { ReactElement } from 'react';
import { useEngineStore } from '../../state/engine-store';
import { useKillStore } from '../../state/kill-store';
import { actorText } from '../../../src-shared/domain/actor-words';

/** Across the whole window while HALTED, with who and why, so no screen looks tradable. */
export function HaltedBanner(): ReactElement | null {
  const halted = useEngineStore((s) => s.status?.controlMode === 'HALTED');
  const control = useKillStore((s) => s.control?.control);
  const sending = useKillStore((s) => s.request === 'sending');
  if (!halted && sending) {
    // Shown the instant the button is pressed: the engine latches on receipt, but its reply can
    // queue behind a flood of market events; say what we know — sent, not yet confirmed.
    return (
      <div className="halted-banner kill-sent" role="alert" data-testid="kill-sent-banner">
        <strong>KILL SENT</strong>
        <span>Waiting for the engine to confirm HALTED…</span>
      </div>
    );
  }
  if (!halted) return null;
  const detail =
    control?.mode === 'HALTED' ? `${control.reason} — by ${actorText(control.actor)}` : '';
  // One line at 1280 wide: what still goes, who and why (cut short, whole on hover), re-arm.
  return (
    <div className="halted-banner" role="alert" data-testid="halted-banner">
      <strong>HALTED</strong>
      <span className="halted-what">
        Nothing that adds exposure; closes and protective stops only.
      </span>
      <span className="halted-detail" title={detail} data-testid="halted-detail">
        {detail}
      </span>
      <span className="halted-what">Re-arm in the kill panel.</span>
    </div>
  );
}
