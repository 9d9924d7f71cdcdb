import type { ReactElement } from 'react';
import { useEngineStore } from '../../state/engine-store';

/**
 * PAPER <-> LIVE. LIVE needs exchange keys in the OS keychain and a typed confirmation; this
 * build has neither a keys command nor a mode-switch command, so the control explains that
 * instead of pretending.
 */
export function ModeToggle(): ReactElement {
  const mode = useEngineStore((s) => s.status?.tradingMode);
  return (
    <div className="mode-toggle" data-testid="mode-toggle">
      <div className="segmented" role="radiogroup" aria-label="Trading mode">
        <button
          type="button"
          role="radio"
          aria-checked={mode === 'PAPER'}
          className={mode === 'PAPER' ? 'active mode-paper-btn' : ''}
          disabled
        >
          PAPER
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={mode === 'LIVE'}
          className={mode === 'LIVE' ? 'active' : ''}
          disabled
          data-testid="live-option"
        >
          LIVE
        </button>
      </div>
      <p className="small muted" data-testid="live-disabled-reason">
        LIVE is disabled: no exchange keys are configured (keys are set in the OS keychain by a
        later release). Switching will ask for a typed confirmation and show any open paper orders
        first.
      </p>
    </div>
  );
}
