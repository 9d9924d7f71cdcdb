import { create } from 'zustand';
import type { Candle, Timeframe } from '../../src-shared/domain/candle';
import type { ReplayStateView } from '../../src-shared/contract/market';
import type { FeedStatus, MarketSeries } from '../../src-shared/domain/market';

/** A marker on the chart: tier change, entry, exit, stop or data gap, at a candle's open (ms). */
export interface ChartMarker {
  readonly at: number;
  readonly kind: 'tier' | 'entry' | 'exit' | 'stop' | 'gap';
  readonly text: string;
  readonly position: 'above' | 'below';
  readonly colour: string;
}

/** What the replay last told us about itself (replayChanged events, controlReplay replies). */
export type ReplayView = ReplayStateView;

export interface IncomingBar {
  readonly key: string;
  readonly candle: Candle;
  readonly marker: ChartMarker | null;
  /** Feed time at which this bar closed (virtual in replay). */
  readonly closeAt: number;
}

/** How many candles the chart keeps per series; older ones scroll off. */
export const CHART_WINDOW = 500;

interface MarketState {
  feed: FeedStatus | null;
  /** Wall-clock ms (this window) when the last market event arrived, for the "last tick" age. */
  lastEventAt: number | null;
  /** Feed time of the newest bar close seen (virtual in replay), null before the first. */
  feedTime: number | null;
  series: readonly MarketSeries[];
  /** Candle windows by seriesKey, newest last, exactly as the engine sent them. */
  candles: Readonly<Record<string, readonly Candle[]>>;
  markers: Readonly<Record<string, readonly ChartMarker[]>>;
  replay: ReplayView | null;
  loadError: string | null;
  setFeed(feed: FeedStatus, receivedAt: number): void;
  setSeries(series: readonly MarketSeries[]): void;
  setCandles(key: string, candles: readonly Candle[], gapMarkers: readonly ChartMarker[]): void;
  /** Applies a batch of bar closes (one animation frame's worth) in one store update. */
  appendCandles(bars: readonly IncomingBar[], receivedAt: number): void;
  /** Adds markers to series, whether or not their candles are loaded yet. */
  addMarkers(items: readonly { key: string; marker: ChartMarker }[]): void;
  setReplay(replay: ReplayView): void;
  /** Forgets the replay state held (a new connection may reach a restarted engine: epoch 0). */
  forgetReplay(): void;
  setLoadError(message: string | null): void;
  /** Forgets series, candles and markers (the engine switched to another source). */
  resetSeries(): void;
}

/** An instrument id: the same symbol trades on several venues, so the venue is part of it. */
export function instrumentId(exchange: string, symbol: string): string {
  return `${exchange}:${symbol}`;
}

export function splitInstrument(id: string): { exchange: string; symbol: string } {
  const at = id.indexOf(':');
  return at === -1
    ? { exchange: '', symbol: id }
    : { exchange: id.slice(0, at), symbol: id.slice(at + 1) };
}

export function seriesKey(instrument: string, timeframe: Timeframe | string): string {
  return `${instrument}|${timeframe}`;
}

export const useMarketStore = create<MarketState>()((set) => ({
  feed: null,
  lastEventAt: null,
  feedTime: null,
  series: [],
  candles: {},
  markers: {},
  replay: null,
  loadError: null,
  setFeed: (feed, receivedAt) =>
    set((s) => ({
      feed,
      lastEventAt: receivedAt,
      // The feed's own clock: a window receives only its charted series' bars.
      feedTime:
        feed.lastUpdateAt !== null && (s.feedTime === null || feed.lastUpdateAt > s.feedTime)
          ? feed.lastUpdateAt
          : s.feedTime,
    })),
  setSeries: (series) => set({ series }),
  setCandles: (key, candles, gapMarkers) =>
    set((s) => {
      // A reload brings the gaps again; tier and trade markers received so far are kept.
      const kept = (s.markers[key] ?? []).filter((m) => m.kind !== 'gap');
      return {
        candles: { ...s.candles, [key]: candles },
        markers: { ...s.markers, [key]: [...kept, ...gapMarkers] },
      };
    }),
  appendCandles: (bars, receivedAt) =>
    set((s) => {
      let candles: Record<string, readonly Candle[]> | null = null;
      let markers: Record<string, readonly ChartMarker[]> | null = null;
      let feedTime = s.feedTime;
      for (const { key, candle, marker, closeAt } of bars) {
        if (feedTime === null || closeAt > feedTime) feedTime = closeAt;
        const current = (candles ?? s.candles)[key];
        // Only series the chart has loaded are kept; others are fetched when selected.
        if (current === undefined) continue;
        const last = current[current.length - 1];
        if (last !== undefined && candle.openTime < last.openTime) continue;
        candles ??= { ...s.candles };
        candles[key] =
          last !== undefined && last.openTime === candle.openTime
            ? [...current.slice(0, -1), candle]
            : [...current, candle].slice(-CHART_WINDOW);
        if (marker !== null) {
          markers ??= { ...s.markers };
          markers[key] = [...(markers[key] ?? []), marker];
        }
      }
      return {
        lastEventAt: receivedAt,
        feedTime,
        ...(candles === null ? {} : { candles }),
        ...(markers === null ? {} : { markers }),
      };
    }),
  addMarkers: (items) =>
    set((s) => {
      const markers = { ...s.markers };
      for (const { key, marker } of items) markers[key] = [...(markers[key] ?? []), marker];
      return { markers };
    }),
  setReplay: (replay) =>
    set((s) => {
      // Epochs only grow within one engine: a state of an older epoch (an answer that was
      // overtaken by a later seek's) is stale, and would put the slider back where it was.
      if (s.replay !== null && replay.epoch < s.replay.epoch) return {};
      // A jump (restart, rewind, seek) puts the replay clock where the replay now is.
      const jumped = s.replay !== null && s.replay.epoch !== replay.epoch;
      return { replay, ...(jumped ? { feedTime: replay.now } : {}) };
    }),
  forgetReplay: () => set({ replay: null }),
  setLoadError: (loadError) => set({ loadError }),
  resetSeries: () => set({ series: [], candles: {}, markers: {}, feedTime: null, replay: null }),
}));
