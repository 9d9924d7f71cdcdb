import type { ReactElement } from 'react';
import { useEngineStore } from '../../state/engine-store';
import { useTradingStore } from '../../state/trading-store';

/**
 * PAPER / LIVE / SHADOW, large and colour-coded: the first thing a trader must never misread.
 * LIVE is solid red, names its connection and says REAL MONEY.
 */
export function ModeBadge(): ReactElement {
  const mode = useEngineStore((s) => s.status?.tradingMode);
  const connection = useTradingStore((s) => s.status?.connection ?? null);
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
      {mode === 'LIVE' && (
        <span className="mode-live-detail" data-testid="trading-mode-detail">
          {connection ?? '?'} · REAL MONEY
        </span>
      )}
    </div>
  );
}
