import type { VigilClient } from '../../src-shared/contract/client';
import type { Timeframe } from '../../src-shared/domain/candle';
import { errorText } from './error-text';
import { useEngineStore } from './engine-store';
import {
  CHART_WINDOW,
  instrumentId,
  seriesKey,
  splitInstrument,
  useMarketStore,
  type ChartMarker,
  type IncomingBar,
} from './market-store';
import { useUiStore } from './ui-store';

const GAP_COLOUR = '#d29922';
const MAX_BATCH = 5000;

/**
 * A gap is engine data too: the chart marks the first bar after it, so a jump across missing
 * bars is never read as one continuous move.
 */
function gapMarker(at: number, missing: number): ChartMarker {
  return {
    at,
    kind: 'gap',
    text: `gap: ${missing} bar${missing === 1 ? '' : 's'} missing`,
    position: 'above',
    colour: GAP_COLOUR,
  };
}

/** Loads the chart window for the selected instrument and timeframe. */
async function loadWindow(
  client: VigilClient,
  instrument: string,
  timeframe: Timeframe,
  tfMs: number,
): Promise<void> {
  const market = useMarketStore.getState();
  const { exchange, symbol } = splitInstrument(instrument);
  try {
    const result = await client.call('getCandles', {
      exchange,
      symbol,
      timeframe,
      limit: CHART_WINDOW,
    });
    market.setCandles(
      seriesKey(instrument, timeframe),
      result.candles,
      result.gaps.map((g) => gapMarker(g.afterOpenTime + (g.missing + 1) * tfMs, g.missing)),
    );
    market.setLoadError(null);
  } catch (error) {
    market.setLoadError(`Candles for ${symbol} ${timeframe}: ${errorText(error)}`);
  }
}

/** Picks a timeframe the instrument has, keeping the current one when it can. */
function usableTimeframe(instrument: string, wanted: Timeframe): Timeframe | null {
  const { exchange, symbol } = splitInstrument(instrument);
  const have = useMarketStore
    .getState()
    .series.filter((s) => s.exchange === exchange && s.symbol === symbol)
    .map((s) => s.timeframe);
  if (have.includes(wanted)) return wanted;
  return have[0] ?? null;
}

/**
 * Symbols, feed status, bar closes and chart windows. Returns an unsubscribe.
 * Time, the timeframe table and frame scheduling are injected (requestAnimationFrame in the app).
 */
export function followMarket(
  client: VigilClient,
  timeframeMs: (tf: Timeframe) => number,
  now: () => number,
  schedule: (run: () => void) => void,
): () => void {
  const market = useMarketStore.getState();
  // A fast replay sends thousands of bar closes a second; the UI applies them once per frame.
  let batch: IncomingBar[] = [];
  const flush = (): void => {
    const bars = batch;
    batch = [];
    useMarketStore.getState().appendCandles(bars, now());
  };
  const refresh = (): void => {
    client.call('listSymbols', {}).then(
      ({ feed, series }) => {
        market.setFeed(feed, now());
        market.setSeries(series);
        const ui = useUiStore.getState();
        const first = series[0];
        if (ui.selectedSymbol === null && first !== undefined)
          ui.selectSymbol(instrumentId(first.exchange, first.symbol));
      },
      (error: unknown) => market.setLoadError(`Symbols: ${errorText(error)}`),
    );
    // Where the replay stands (position, speed, bounds) before any control is touched.
    client.call('getReplayState', {}).then(
      (state) => useMarketStore.getState().setReplay(state),
      // No replay (a live feed, or still loading): the controls stay hidden or disabled.
      () => undefined,
    );
  };
  const reloadChart = (): void => {
    const ui = useUiStore.getState();
    if (ui.selectedSymbol === null) return;
    const tf = usableTimeframe(ui.selectedSymbol, ui.timeframe);
    if (tf === null) return;
    if (tf !== ui.timeframe) {
      ui.setTimeframe(tf);
      return; // the timeframe change re-enters here
    }
    // Only the charted series' bar closes are sent to this window from now on.
    const { exchange, symbol } = splitInstrument(ui.selectedSymbol);
    client
      .call('watchBars', { series: [{ exchange, symbol, timeframe: tf }] })
      .catch((error: unknown) =>
        useMarketStore.getState().setLoadError(`Bars: ${errorText(error)}`),
      );
    void loadWindow(client, ui.selectedSymbol, tf, timeframeMs(tf));
  };
  const offs = [
    client.on('feedStatusChanged', (feed) => {
      const previous = useMarketStore.getState().feed;
      useMarketStore.getState().setFeed(feed, now());
      if (previous !== null && previous.feed !== feed.feed) {
        // Another source plays now (replay <-> live prices): new symbols, new chart.
        useMarketStore.getState().resetSeries();
        useUiStore.getState().selectSymbol(null);
        refresh();
      } else if (useMarketStore.getState().series.length === 0) {
        // A replay that finished loading brings its series list with it.
        refresh();
      } else if (feed.state === 'LIVE' && previous?.state !== 'LIVE' && feed.feed !== 'replay') {
        // A live feed that finished its backfill: the chart reloads its window.
        reloadChart();
      }
    }),
    client.on('replayChanged', (state) => {
      const before = useMarketStore.getState().replay;
      useMarketStore.getState().setReplay(state);
      // Restarted, rewound or moved: the charted candles are another time's, reload them.
      if (before !== null && before.epoch !== state.epoch) {
        batch = [];
        refresh();
        reloadChart();
      }
    }),
    client.on('barClosed', (bar) => {
      const key = seriesKey(instrumentId(bar.exchange, bar.symbol), bar.timeframe);
      const marker = bar.gapBefore > 0 ? gapMarker(bar.candle.openTime, bar.gapBefore) : null;
      batch.push({
        key,
        candle: bar.candle,
        marker,
        closeAt: bar.candle.openTime + timeframeMs(bar.timeframe),
      });
      if (batch.length === 1) schedule(flush);
      // A hidden window gets no animation frames; do not let the queue grow without bound.
      else if (batch.length >= MAX_BATCH) flush();
    }),
    useEngineStore.subscribe((state, previous) => {
      if (state.connection === 'open' && previous.connection !== 'open') {
        // The engine behind may have restarted (its replay epochs start again at 0).
        useMarketStore.getState().forgetReplay();
        refresh();
        reloadChart();
      }
    }),
    useUiStore.subscribe((state, previous) => {
      if (
        state.selectedSymbol !== previous.selectedSymbol ||
        state.timeframe !== previous.timeframe
      )
        reloadChart();
    }),
    useMarketStore.subscribe((state, previous) => {
      if (state.series !== previous.series) reloadChart();
    }),
  ];
  if (useEngineStore.getState().connection === 'open') refresh();
  return () => offs.forEach((off) => off());
}
