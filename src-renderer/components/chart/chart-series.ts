import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  LineSeries,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type Time,
} from 'lightweight-charts';
import { DOWN_COLOUR, UP_COLOUR } from '../../view/chart-model';

/** The chart and every series on it, created once per mount and updated in place. */
export interface ChartHandles {
  readonly chart: IChartApi;
  readonly candles: ISeriesApi<'Candlestick'>;
  readonly volume: ISeriesApi<'Histogram'>;
  readonly ema20: ISeriesApi<'Line'>;
  readonly bbUpper: ISeriesApi<'Line'>;
  readonly bbMiddle: ISeriesApi<'Line'>;
  readonly bbLower: ISeriesApi<'Line'>;
  readonly rsi14: ISeriesApi<'Line'>;
  readonly macd: ISeriesApi<'Line'>;
  readonly macdSignal: ISeriesApi<'Line'>;
  readonly macdHist: ISeriesApi<'Histogram'>;
  readonly markers: ISeriesMarkersPluginApi<Time>;
}

const PRICE_PANE = 0;
const VOLUME_PANE = 1;
const OSCILLATOR_PANE = 2;

const overlay = (
  color: string,
  lineWidth: 1 | 2 = 1,
): {
  color: string;
  lineWidth: 1 | 2;
  priceLineVisible: false;
  lastValueVisible: false;
  crosshairMarkerVisible: false;
} => ({
  color,
  lineWidth,
  priceLineVisible: false,
  lastValueVisible: false,
  crosshairMarkerVisible: false,
});

/** Three panes: price with EMA and Bollinger, volume, and the oscillator (RSI or MACD). */
export function createChartHandles(container: HTMLElement): ChartHandles {
  const chart = createChart(container, {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: '#0d1117' },
      textColor: '#c9d1d9',
      panes: { separatorColor: '#30363d', enableResize: true },
    },
    grid: { vertLines: { color: '#1c2128' }, horzLines: { color: '#1c2128' } },
    timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#30363d' },
    rightPriceScale: { borderColor: '#30363d' },
  });
  const candles = chart.addSeries(
    CandlestickSeries,
    {
      upColor: UP_COLOUR,
      downColor: DOWN_COLOUR,
      borderVisible: false,
      wickUpColor: UP_COLOUR,
      wickDownColor: DOWN_COLOUR,
    },
    PRICE_PANE,
  );
  const ema20 = chart.addSeries(
    LineSeries,
    { ...overlay('#f2cc60', 2), title: 'EMA 20' },
    PRICE_PANE,
  );
  const bbUpper = chart.addSeries(LineSeries, overlay('#58a6ff'), PRICE_PANE);
  const bbMiddle = chart.addSeries(LineSeries, { ...overlay('#58a6ff'), lineStyle: 2 }, PRICE_PANE);
  const bbLower = chart.addSeries(LineSeries, overlay('#58a6ff'), PRICE_PANE);
  const volume = chart.addSeries(
    HistogramSeries,
    { priceFormat: { type: 'volume' }, title: 'Volume' },
    VOLUME_PANE,
  );
  const rsi14 = chart.addSeries(
    LineSeries,
    { ...overlay('#d2a8ff', 2), title: 'RSI 14' },
    OSCILLATOR_PANE,
  );
  const macd = chart.addSeries(
    LineSeries,
    { ...overlay('#58a6ff', 2), title: 'MACD' },
    OSCILLATOR_PANE,
  );
  const macdSignal = chart.addSeries(
    LineSeries,
    { ...overlay('#f0883e'), title: 'Signal' },
    OSCILLATOR_PANE,
  );
  const macdHist = chart.addSeries(
    HistogramSeries,
    { priceLineVisible: false, lastValueVisible: false },
    OSCILLATOR_PANE,
  );
  rsi14.createPriceLine({
    price: 70,
    color: '#6e7681',
    lineStyle: 2,
    lineWidth: 1,
    axisLabelVisible: false,
    title: '',
  });
  rsi14.createPriceLine({
    price: 30,
    color: '#6e7681',
    lineStyle: 2,
    lineWidth: 1,
    axisLabelVisible: false,
    title: '',
  });
  const panes = chart.panes();
  panes[VOLUME_PANE]?.setHeight(70);
  panes[OSCILLATOR_PANE]?.setHeight(110);
  const markers = createSeriesMarkers(candles, []);
  return {
    chart,
    candles,
    volume,
    ema20,
    bbUpper,
    bbMiddle,
    bbLower,
    rsi14,
    macd,
    macdSignal,
    macdHist,
    markers,
  };
}
