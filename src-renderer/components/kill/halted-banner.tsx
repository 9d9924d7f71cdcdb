import type { ReactElement } from 'react';
import { useEngineStore } from '../../state/engine-store';
import { useKillStore } from '../../state/kill-store';
import { actorText } from '../../view/trader-words';

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
    control?.mode === 'HALTED' ? `${control.reason} — by ${actorText(control.actor)}.` : '';
  return (
    <div className="halted-banner" role="alert" data-testid="halted-banner">
      <strong>HALTED</strong>
      <span>Nothing that adds exposure; closes and protective stops only. {detail}</span>
      <span>Re-arm in the kill panel when the book is clean.</span>
    </div>
  );
}
