import type { Timeframe } from '../../../src-shared/domain/candle';
import type { ScannerCandle } from './scanner-core';
import type { ModulatorInputs } from './scoring/economics';
import { signalKey } from './signal-row';

/** One market and timeframe, as the worker learns it once and then knows by number. */
export interface SeriesIdentity {
  readonly exchange: string;
  readonly symbol: string;
  readonly quote: string;
  readonly timeframe: Timeframe;
}

/**
 * A batch of scanner candles as it crosses to the worker: the numbers in one Float64Array
 * whose buffer is transferred (moved, not copied), and each market's identity only the first
 * time it appears. Cloning 1,800 candle objects cost the main thread milliseconds per bar
 * close; this costs microseconds to fill and nothing to send.
 */
export interface PackedCandles {
  /** Series first seen in this batch; their ids continue the ones sent before. */
  readonly newSeries: readonly SeriesIdentity[];
  /** STRIDE numbers per candle, in batch order (see the field offsets below). */
  readonly values: Float64Array<ArrayBuffer>;
  /** Modulator inputs of the few candles that carry any, by candle index. */
  readonly modulators: ReadonlyArray<readonly [number, ModulatorInputs]>;
}

// Offsets in `values`. FLAGS says which optional numbers are present, so an absent value and
// a present NaN (invalid input, which the scanner must refuse) stay different things.
const SERIES = 0;
const OPEN_TIME = 1;
const OPEN = 2;
const HIGH = 3;
const LOW = 4;
const CLOSE = 5;
const VOLUME = 6;
const FEED_NOW = 7;
const SPREAD = 8;
const FLAGS = 9;
const STRIDE = 10;
const HAS_FEED_NOW = 1;
const HAS_SPREAD = 2;

interface KnownSeries extends SeriesIdentity {
  readonly id: number;
}

/** The sending side: numbers each series on first sight and packs batches. */
export class CandlePacker {
  // By symbol, then a short list (a symbol's timeframes and venues): one map lookup on the
  // string the feed reuses and a few comparisons, no key string built per candle.
  private readonly bySymbol = new Map<string, KnownSeries[]>();
  private readonly byId: SeriesIdentity[] = [];
  /** Each series' board key (signalKey), made once: the same string every bar, hash cached. */
  private readonly keys: string[] = [];

  pack(candles: readonly ScannerCandle[]): PackedCandles {
    const newSeries: SeriesIdentity[] = [];
    const values = new Float64Array(candles.length * STRIDE);
    const modulators: Array<readonly [number, ModulatorInputs]> = [];
    for (let i = 0; i < candles.length; i += 1) {
      const c = candles[i] as ScannerCandle;
      const at = i * STRIDE;
      values[at + SERIES] = this.idOf(c, newSeries);
      values[at + OPEN_TIME] = c.candle.openTime;
      values[at + OPEN] = c.candle.open;
      values[at + HIGH] = c.candle.high;
      values[at + LOW] = c.candle.low;
      values[at + CLOSE] = c.candle.close;
      values[at + VOLUME] = c.candle.volume;
      let flags = 0;
      if (c.feedNow !== undefined) {
        values[at + FEED_NOW] = c.feedNow;
        flags |= HAS_FEED_NOW;
      }
      if (c.spreadBps !== undefined) {
        values[at + SPREAD] = c.spreadBps;
        flags |= HAS_SPREAD;
      }
      values[at + FLAGS] = flags;
      if (c.modulators !== undefined) modulators.push([i, c.modulators]);
    }
    return { newSeries, values, modulators };
  }

  private idOf(c: ScannerCandle, newSeries: SeriesIdentity[]): number {
    let known = this.bySymbol.get(c.symbol);
    if (known === undefined) {
      known = [];
      this.bySymbol.set(c.symbol, known);
    }
    for (const k of known) {
      if (k.timeframe === c.timeframe && k.exchange === c.exchange && k.quote === c.quote)
        return k.id;
    }
    const identity = {
      exchange: c.exchange,
      symbol: c.symbol,
      quote: c.quote,
      timeframe: c.timeframe,
    };
    const id = this.byId.length;
    known.push({ ...identity, id });
    newSeries.push(identity);
    this.byId.push(identity);
    this.keys.push(signalKey(identity));
    return id;
  }

  /** The board key of the series a number stands for. */
  key(id: number): string {
    const key = this.keys[id];
    if (key === undefined) throw new Error(`packed rows: series ${id} was never sent`);
    return key;
  }

  /** The series a number stands for (the worker's board rows name markets this way). */
  identity(id: number): SeriesIdentity {
    const s = this.byId[id];
    if (s === undefined) throw new Error(`packed rows: series ${id} was never sent`);
    return s;
  }
}

/** The receiving side: learns series as they arrive and rebuilds the candles. */
export class CandleUnpacker {
  private readonly series: SeriesIdentity[] = [];

  /** The series id of the batch's i-th candle. */
  seriesAt(packed: PackedCandles, i: number): number {
    return packed.values[i * STRIDE + SERIES] as number;
  }

  /** The candles again, field for field (numbers are doubles both ways, so nothing rounds). */
  unpack(packed: PackedCandles): ScannerCandle[] {
    for (const s of packed.newSeries) this.series.push(s);
    const { values } = packed;
    const count = values.length / STRIDE;
    const modulators = packed.modulators.length > 0 ? new Map(packed.modulators) : null;
    const out = new Array<ScannerCandle>(count);
    for (let i = 0; i < count; i += 1) {
      const at = i * STRIDE;
      const s = this.series[values[at + SERIES] as number];
      if (s === undefined) throw new Error(`packed candles: candle ${i} names an unknown series`);
      const flags = values[at + FLAGS] as number;
      // One shape for every candle, absent options as undefined (which the scanner reads as
      // absent): spreading optional parts in made three throwaway objects per candle.
      out[i] = {
        exchange: s.exchange,
        symbol: s.symbol,
        quote: s.quote,
        timeframe: s.timeframe,
        candle: {
          openTime: values[at + OPEN_TIME] as number,
          open: values[at + OPEN] as number,
          high: values[at + HIGH] as number,
          low: values[at + LOW] as number,
          close: values[at + CLOSE] as number,
          volume: values[at + VOLUME] as number,
        },
        feedNow: (flags & HAS_FEED_NOW) !== 0 ? (values[at + FEED_NOW] as number) : undefined,
        spreadBps: (flags & HAS_SPREAD) !== 0 ? (values[at + SPREAD] as number) : undefined,
        modulators: modulators?.get(i),
      };
    }
    return out;
  }
}
