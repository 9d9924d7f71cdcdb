import type { ReactElement } from 'react';
import { seriesKey, splitInstrument, useMarketStore } from '../../state/market-store';
import { useUiStore } from '../../state/ui-store';
import { EmptyState } from '../layout/empty-state';
import { ReplayControls } from '../replay/replay-controls';
import { OscillatorSwitch } from './oscillator-switch';
import { PriceChart } from './price-chart';
import { TimeframeSwitcher } from './timeframe-switcher';

const NONE: readonly never[] = [];

/** Toolbar (symbol, timeframe, oscillator, replay) over the chart of the selected instrument. */
export function ChartPanel(): ReactElement {
  const instrument = useUiStore((s) => s.selectedSymbol);
  const timeframe = useUiStore((s) => s.timeframe);
  const oscillator = useUiStore((s) => s.oscillator);
  const key = instrument === null ? '' : seriesKey(instrument, timeframe);
  const candles = useMarketStore((s) => s.candles[key] ?? NONE);
  const markers = useMarketStore((s) => s.markers[key] ?? NONE);
  const loadError = useMarketStore((s) => s.loadError);
  const name = instrument === null ? null : splitInstrument(instrument);
  return (
    <div className="chart-panel">
      <div className="chart-toolbar">
        <span className="chart-symbol" data-testid="chart-symbol">
          {name === null ? 'No symbol' : name.symbol}
          {name !== null && <span className="muted small"> {name.exchange}</span>}
        </span>
        <TimeframeSwitcher />
        <OscillatorSwitch />
        <span className="legend small">
          <span className="legend-ema">EMA 20</span> <span className="legend-bb">BB 20,2</span>
        </span>
        <div className="spacer" />
        <ReplayControls />
      </div>
      <div className="chart-body">
        <PriceChart seriesId={key} candles={candles} markers={markers} oscillator={oscillator} />
        {candles.length === 0 && (
          <div className="chart-empty">
            <EmptyState
              text={
                loadError ??
                (name === null
                  ? 'Select a symbol to chart.'
                  : `No ${timeframe} candles for ${name.symbol} yet.`)
              }
            />
          </div>
        )}
      </div>
    </div>
  );
}
