import type { ReactElement } from 'react';
import { seriesKey, useMarketStore } from '../../state/market-store';
import { useUiStore } from '../../state/ui-store';
import { areaAvailable } from '../../view/area-availability';
import { EmptyState } from '../layout/empty-state';
import { ReplayControls } from '../replay/replay-controls';
import { OscillatorSwitch } from './oscillator-switch';
import { PriceChart } from './price-chart';
import { TimeframeSwitcher } from './timeframe-switcher';

const NO_CANDLES: readonly never[] = [];

/** Toolbar (symbol, timeframe, oscillator, replay) over the chart of the selected symbol. */
export function ChartPanel(): ReactElement {
  const symbol = useUiStore((s) => s.selectedSymbol);
  const timeframe = useUiStore((s) => s.timeframe);
  const oscillator = useUiStore((s) => s.oscillator);
  const key = symbol === null ? '' : seriesKey(symbol, timeframe);
  const candles = useMarketStore((s) => s.candles[key] ?? NO_CANDLES);
  const markers = useMarketStore((s) => (symbol === null ? NO_CANDLES : (s.markers[symbol] ?? NO_CANDLES)));
  return (
    <div className="chart-panel">
      <div className="chart-toolbar">
        <span className="chart-symbol" data-testid="chart-symbol">
          {symbol ?? 'No symbol'}
        </span>
        <TimeframeSwitcher />
        <OscillatorSwitch />
        <div className="spacer" />
        <ReplayControls />
      </div>
      <div className="chart-body">
        <PriceChart seriesId={key} candles={candles} markers={markers} oscillator={oscillator} />
        {candles.length === 0 && (
          <div className="chart-empty">
            {!areaAvailable('market') ? (
              <EmptyState area="market" />
            ) : (
              <EmptyState text={symbol === null ? 'Select a symbol to chart.' : `No ${timeframe} candles for ${symbol} yet.`} />
            )}
          </div>
        )}
      </div>
    </div>
  );
}
