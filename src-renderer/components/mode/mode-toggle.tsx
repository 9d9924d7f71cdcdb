import type { ReactElement } from 'react';
import { useEngineStore } from '../../state/engine-store';

/**
 * PAPER <-> LIVE. LIVE needs the live broker, which this build does not have (keys can already
 * be stored and checked in Connections), so the control explains that instead of pretending.
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
        LIVE is disabled: this build cannot send real orders yet. Exchange keys can already be
        stored in the OS keychain and checked (Connections, at the bottom). Paper trades on live
        prices or the replay.
      </p>
    </div>
  );
}
