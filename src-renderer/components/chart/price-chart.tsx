import { useEffect, useRef, type ReactElement } from 'react';
import type { SeriesMarker, Time, UTCTimestamp } from 'lightweight-charts';
import type { Candle } from '../../../src-shared/domain/candle';
import type { ChartMarker } from '../../state/market-store';
import type { Oscillator } from '../../state/ui-store';
import {
  buildChartModel,
  classifyUpdate,
  pricePrecision,
  type ChartModel,
  type Point,
} from '../../view/chart-model';
import { createChartHandles, type ChartHandles } from './chart-series';
import { useTradeLines } from './trade-lines';

type LineKey = Exclude<keyof ChartModel, 'candles'>;
const LINE_KEYS: readonly LineKey[] = [
  'volume',
  'ema20',
  'bbUpper',
  'bbMiddle',
  'bbLower',
  'rsi14',
  'macd',
  'macdSignal',
  'macdHist',
];

const asTime = (seconds: number): UTCTimestamp => seconds as UTCTimestamp;
const withTime = <T extends { time: number }>(p: T): Omit<T, 'time'> & { time: UTCTimestamp } => ({
  ...p,
  time: asTime(p.time),
});

function applyAll(h: ChartHandles, model: ChartModel): void {
  const last = model.candles[model.candles.length - 1];
  if (last !== undefined) {
    const precision = pricePrecision(last.close);
    const priceFormat = { type: 'price' as const, precision, minMove: 10 ** -precision };
    for (const series of [h.candles, h.ema20, h.bbUpper, h.bbMiddle, h.bbLower])
      series.applyOptions({ priceFormat });
  }
  h.candles.setData(model.candles.map(withTime));
  for (const key of LINE_KEYS) h[key].setData((model[key] as Point[]).map(withTime));
}

/** Pushes only the last point of each series: a bar close or tick without re-creating anything. */
function applyLast(h: ChartHandles, model: ChartModel): void {
  const lastCandle = model.candles[model.candles.length - 1];
  if (lastCandle !== undefined) h.candles.update(withTime(lastCandle));
  const lastTime = lastCandle?.time;
  for (const key of LINE_KEYS) {
    const series = model[key] as Point[];
    const last = series[series.length - 1];
    // Indicators still warming up have no point at the newest bar yet.
    if (last !== undefined && last.time === lastTime) h[key].update(withTime(last));
  }
}

function toSeriesMarkers(markers: readonly ChartMarker[]): SeriesMarker<Time>[] {
  return [...markers]
    .sort((a, b) => a.at - b.at)
    .map((m) => ({
      time: asTime(Math.floor(m.at / 1000)),
      position: m.position === 'above' ? 'aboveBar' : 'belowBar',
      color: m.colour,
      shape:
        m.kind === 'entry'
          ? 'arrowUp'
          : m.kind === 'exit'
            ? 'arrowDown'
            : m.kind === 'stop'
              ? 'square'
              : 'circle',
      text: m.text,
    }));
}

/**
 * Candles, volume, EMA/Bollinger and the oscillator for one symbol and timeframe. The chart is
 * created once per mount; new candles update the series in place.
 */
export function PriceChart(props: {
  seriesId: string;
  candles: readonly Candle[];
  markers: readonly ChartMarker[];
  oscillator: Oscillator;
}): ReactElement {
  const container = useRef<HTMLDivElement>(null);
  const handles = useRef<ChartHandles | null>(null);
  const shown = useRef<{ id: string; candles: readonly Candle[] }>({ id: '', candles: [] });
  // "binance:BTC/USDT|1h" -> "BTC/USDT": the plan and orders are per symbol.
  const symbol = props.seriesId.slice(
    props.seriesId.indexOf(':') + 1,
    props.seriesId.lastIndexOf('|'),
  );

  useEffect(() => {
    if (container.current === null) return undefined;
    const h = createChartHandles(container.current);
    handles.current = h;
    return () => {
      h.chart.remove();
      handles.current = null;
      shown.current = { id: '', candles: [] };
    };
  }, []);
  // After the chart exists (effects run in order), so its first pass can draw.
  useTradeLines(handles, container, symbol);

  useEffect(() => {
    const h = handles.current;
    if (h === null) return;
    const model = buildChartModel(props.candles);
    const previous = shown.current;
    const sameSeries = previous.id === props.seriesId;
    const mode = sameSeries ? classifyUpdate(previous.candles, props.candles) : 'reset';
    if (mode === 'reset') {
      applyAll(h, model);
      // Keep the trader's zoom when a batch of bars lands on the same series.
      if (!sameSeries) h.chart.timeScale().fitContent();
    } else {
      applyLast(h, model);
    }
    shown.current = { id: props.seriesId, candles: props.candles };
  }, [props.seriesId, props.candles]);

  useEffect(() => {
    handles.current?.markers.setMarkers(toSeriesMarkers(props.markers));
  }, [props.markers, props.seriesId]);

  useEffect(() => {
    const h = handles.current;
    if (h === null) return;
    const rsiOn = props.oscillator === 'RSI';
    h.rsi14.applyOptions({ visible: rsiOn });
    h.macd.applyOptions({ visible: !rsiOn });
    h.macdSignal.applyOptions({ visible: !rsiOn });
    h.macdHist.applyOptions({ visible: !rsiOn });
  }, [props.oscillator]);

  return (
    <div
      className="price-chart"
      ref={container}
      data-testid="price-chart"
      data-bars={props.candles.length}
      data-last-open={props.candles.at(-1)?.openTime ?? ''}
      data-last-close={props.candles.at(-1)?.close ?? ''}
      data-markers={props.markers.length}
    />
  );
}
