import type { ReactElement } from 'react';
import { useBacktestStore } from '../../state/backtest-store';

/** The way into the Backtest panel, in the status line. */
export function BacktestButton(): ReactElement {
  const setOpen = useBacktestStore((s) => s.setOpen);
  return (
    <button
      type="button"
      className="backtest-button"
      data-testid="open-backtest"
      aria-haspopup="dialog"
      title="What Vigil would have done on a folder of candles: the engine's own pieces, fills and PnL"
      onClick={() => setOpen(true)}
    >
      Backtest
    </button>
  );
}
