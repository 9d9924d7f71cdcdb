import type { ReactElement } from 'react';
import { useEngineStore } from '../../state/engine-store';

/** PAPER / LIVE / SHADOW, large and colour-coded: the first thing a trader must never misread. */
export function ModeBadge(): ReactElement {
  const mode = useEngineStore((s) => s.status?.tradingMode);
  return (
    <div
      className={`mode-badge mode-${(mode ?? 'unknown').toLowerCase()}`}
      data-testid="trading-mode"
      title={
        mode === 'LIVE'
          ? 'Real money: orders go to the exchange'
          : mode === 'SHADOW'
            ? 'Signals and intents only, no orders'
            : 'Virtual balance, no real orders'
      }
    >
      {mode ?? '—'}
    </div>
  );
}
