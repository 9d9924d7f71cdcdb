import { InvalidInputError } from '../../../src-shared/contract/command-refusal';
import type { Timeframe } from '../../../src-shared/domain/candle';
import type {
  BarClosed,
  FeedState,
  FeedStatus,
  MarketSeries,
  ReplaySpeed,
  SeriesKey,
} from '../../../src-shared/domain/market';
import type { Clock, Scheduler } from '../clock';
import { findGaps } from './candle-validation';
import {
  Listeners,
  seriesId,
  type CandleWindow,
  type CandleWindowResult,
  type MarketFeed,
} from './market-feed';
import {
  buildTimeline,
  candleAt,
  closedCount,
  cursorAt,
  lowerBoundOpen,
  timelineBounds,
  type ReplaySource,
  type Timeline,
  type TimelineSeries,
} from './replay-timeline';

/** The replay's data: a timeline built elsewhere (the loader's worker), or sources to build one from. */
export type ReplayData =
  | { readonly timeline: Timeline }
  | {
      readonly sources: readonly ReplaySource[];
      /** Higher timeframes to derive from each source by exact aggregation. */
      readonly derive?: readonly Timeframe[];
    };

interface ReplayFeedSettings {
  /** Wall clock and timer that drive playback (a ManualClock in tests). */
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /**
   * Virtual start: bars closing at or before it are history, not events. Default: the earliest
   * source candle's open.
   */
  readonly startAt?: number;
  readonly speed?: ReplaySpeed;
  /** Real milliseconds between playback ticks. */
  readonly tickMs?: number;
  /**
   * Bars per tick at `max` speed (default 500), so the event loop (and the kill path) keep
   * breathing: each bar may fill paper orders and reach the scanner. Backtests use drain().
   */
  readonly maxBatch?: number;
  /**
   * Main-thread milliseconds one `max` tick may spend emitting (default 10): bars close one
   * close time at a time until the budget or maxBatch is used up. Only the chunking depends on
   * it, never the event order.
   */
  readonly tickBudgetMs?: number;
  /** Measures the budget; performance.now by default, injectable for tests. */
  readonly workClock?: () => number;
  /**
   * Virtual dead time longer than this (no bar closing) is skipped instead of waited out, so
   * bundled files from different years play one after the other. Default one hour.
   */
  readonly maxIdleMs?: number;
  readonly onError: (error: unknown) => void;
}

export type ReplayFeedOptions = ReplayData & ReplayFeedSettings;

export interface ReplayState {
  readonly playing: boolean;
  readonly speed: ReplaySpeed;
  readonly now: number;
  readonly finished: boolean;
  /** Earliest and latest time the replay can be put at (first candle open, last bar close). */
  readonly start: number;
  readonly end: number;
  /** Counts seeks: a new epoch means the replay jumped, so anything following it reloads. */
  readonly epoch: number;
}

const MULTIPLIER: Readonly<Record<Exclude<ReplaySpeed, 'max'>, number>> = {
  '1x': 1,
  '10x': 10,
  '60x': 60,
};

/**
 * Plays validated candle series on a virtual clock: play/pause, step one bar close, speed
 * 1x/10x/60x/max, and seek to any time (restart and rewind are seeks). Bar-close events come in
 * the timeline's total order, so the same sources and start give the same event sequence
 * whatever the speed or tick pattern. The timeline is columnar and built before (off the main
 * thread in the engine): nothing here walks every candle.
 */
export class ReplayFeed implements MarketFeed {
  readonly name = 'replay';
  /** The replay's virtual clock, for components that must live in replay time. */
  readonly clock: Clock = { now: () => this.virtualNow };
  private readonly timeline: Timeline;
  private readonly bars: Listeners<BarClosed>;
  private readonly statuses: Listeners<FeedStatus>;
  private readonly seeks: Listeners<ReplayState>;
  /** Per series: how many candles have closed (index of the first not yet closed). */
  private closed: number[];
  private cursor = 0;
  private epoch = 0;
  private readonly firstTime: number;
  private readonly lastTime: number;
  private virtualNow: number;
  private playing = false;
  private speed: ReplaySpeed;
  private lastReal = 0;
  private lastUpdateAt: number | null = null;
  private currentStatus: FeedStatus;
  private stopTicker: (() => void) | undefined;

  constructor(private readonly options: ReplayFeedOptions) {
    this.timeline =
      'timeline' in options
        ? options.timeline
        : buildTimeline(options.sources, options.derive ?? []);
    this.bars = new Listeners(options.onError);
    this.statuses = new Listeners(options.onError);
    this.seeks = new Listeners(options.onError);
    this.speed = options.speed ?? '60x';
    const bounds = timelineBounds(this.timeline);
    if (bounds === null) throw new Error('replay: no candles to play');
    this.firstTime = bounds.start;
    this.lastTime = bounds.end;
    const start = options.startAt ?? this.firstTime;
    if (!Number.isSafeInteger(start)) throw new Error(`replay: start ${start} is not a time`);
    this.virtualNow = start;
    this.closed = [];
    this.moveTo(start);
    this.currentStatus = this.makeStatus('CONNECTING', 'replay loaded, not started');
  }

  /** The replay's data, for warming the scanner from the history before the cursor. */
  get data(): { readonly timeline: Timeline; readonly cursor: number } {
    return { timeline: this.timeline, cursor: this.cursor };
  }

  /**
   * Puts the replay at `time` (within [start, end]): bars closing at or before it become
   * history, later ones are still to come. Playing stays playing. Seek listeners hear of it
   * first (the scanner re-warms, the UI reloads), then the status follows.
   */
  seek(time: number): ReplayState {
    if (!Number.isSafeInteger(time) || time < this.firstTime || time > this.lastTime) {
      throw new InvalidInputError('replay', [
        {
          path: 'to',
          message: `cannot seek to ${Number.isFinite(time) ? new Date(time).toISOString() : String(time)}; the data runs from ${new Date(this.firstTime).toISOString()} to ${new Date(this.lastTime).toISOString()}`,
        },
      ]);
    }
    this.moveTo(time);
    this.epoch += 1;
    this.lastReal = this.options.clock.now();
    this.seeks.emit(this.state());
    this.publishState(true);
    return this.state();
  }

  /** The last closed bar of every series that has one: the market as it stands at the cursor. */
  lastClosedBars(): BarClosed[] {
    const bars: BarClosed[] = [];
    this.timeline.series.forEach((s, i) => {
      const n = this.closed[i] as number;
      if (n === 0) return;
      const candle = candleAt(s, n - 1);
      const prevOpen = n > 1 ? (s.openTime[n - 2] as number) : undefined;
      bars.push({
        ...s.key,
        candle,
        complete: s.complete[n - 1] === 1,
        gapBefore: prevOpen === undefined ? 0 : (candle.openTime - prevOpen) / s.tfMs - 1,
        source: 'replay',
      });
    });
    return bars;
  }

  /** Called after every seek, with the state the replay was put in. */
  onSeek(listener: (state: ReplayState) => void): () => void {
    return this.seeks.add(listener);
  }

  start(): Promise<void> {
    if (this.stopTicker === undefined) {
      this.lastReal = this.options.clock.now();
      this.stopTicker = this.options.scheduler.every(this.options.tickMs ?? 100, () => this.tick());
      this.publishState();
    }
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.stopTicker?.();
    this.stopTicker = undefined;
    this.playing = false;
    this.setStatus('DOWN', 'replay stopped');
    return Promise.resolve();
  }

  play(speed?: ReplaySpeed): ReplayState {
    if (speed !== undefined) this.speed = speed;
    if (!this.finished()) {
      this.playing = true;
      this.lastReal = this.options.clock.now();
    }
    this.publishState();
    return this.state();
  }

  pause(): ReplayState {
    this.playing = false;
    this.publishState();
    return this.state();
  }

  /** Pauses, then closes every bar of the next close time (one bar per series closing then). */
  step(): ReplayState {
    this.playing = false;
    if (!this.finished()) this.emitThrough(this.timeline.closeTime[this.cursor] as number);
    this.publishState();
    return this.state();
  }

  /**
   * Closes every bar of the next close time without pausing: the pace of a backtest, which
   * plays at `max` but lets each close's consequences (signals, plans, fills) settle before the
   * next. Bars keep coming while it plays, so a market order waits for the next bar's open, as
   * when the replay plays on its own; once the data ends it is finished (and no longer playing).
   */
  advance(): ReplayState {
    if (!this.finished()) this.emitThrough(this.timeline.closeTime[this.cursor] as number);
    if (this.finished()) {
      this.playing = false;
      this.publishState();
    } else this.publishProgress();
    return this.state();
  }

  /** How many close times are still to come, up to and including `until` (a backtest's total). */
  closesAhead(until: number = this.lastTime): number {
    const { closeTime, length } = this.timeline;
    let count = 0;
    let last = Number.NaN;
    for (let i = this.cursor; i < length; i += 1) {
      const close = closeTime[i] as number;
      if (close > until) break;
      if (close !== last) count += 1;
      last = close;
    }
    return count;
  }

  /** When the next bars close (null once the data is finished). */
  nextClose(): number | null {
    return this.finished() ? null : (this.timeline.closeTime[this.cursor] as number);
  }

  /** Bars closed so far (every series). */
  get closedBars(): number {
    return this.cursor;
  }

  /**
   * Emits every remaining bar synchronously, as fast as possible (backtests and benchmarks).
   * Returns the number of bar events emitted.
   */
  drain(): number {
    const before = this.cursor;
    this.emitThrough(this.lastTime);
    this.publishState();
    return this.cursor - before;
  }

  state(): ReplayState {
    return {
      playing: this.playing,
      speed: this.speed,
      now: this.virtualNow,
      finished: this.finished(),
      start: this.firstTime,
      end: this.lastTime,
      epoch: this.epoch,
    };
  }

  status(): FeedStatus {
    return this.currentStatus;
  }

  lastUpdateAgeMs(): number | null {
    return this.lastUpdateAt === null ? null : this.virtualNow - this.lastUpdateAt;
  }

  series(): MarketSeries[] {
    return this.timeline.series.map((s, i) => {
      const n = this.closed[i] as number;
      return {
        ...s.key,
        origin: s.origin,
        first: n > 0 ? (s.openTime[0] as number) : null,
        last: n > 0 ? (s.openTime[n - 1] as number) : null,
        bars: n,
      };
    });
  }

  candles(key: SeriesKey, window: CandleWindow): CandleWindowResult {
    const index = this.timeline.series.findIndex((s) => s.id === seriesId(key));
    const series = this.timeline.series[index];
    if (series === undefined)
      throw new InvalidInputError('replay', [
        { path: 'symbol', message: `no series ${seriesId(key)}` },
      ]);
    const end = this.closed[index] as number;
    const lo = window.from === undefined ? 0 : lowerBoundOpen(series, window.from, end);
    const hi = window.to === undefined ? end : lowerBoundOpen(series, window.to + 1, end);
    const candles = [];
    for (let i = Math.max(lo, hi - window.limit); i < hi; i += 1) candles.push(candleAt(series, i));
    return { candles, gaps: findGaps(candles, series.tfMs) };
  }

  onBar(listener: (bar: BarClosed) => void): () => void {
    return this.bars.add(listener);
  }

  onStatus(listener: (status: FeedStatus) => void): () => void {
    return this.statuses.add(listener);
  }

  private tick(): void {
    const real = this.options.clock.now();
    const elapsed = real - this.lastReal;
    this.lastReal = real;
    if (!this.playing) return;
    const before = this.cursor;
    if (this.speed === 'max') {
      this.emitMaxTick();
    } else {
      const maxIdle = this.options.maxIdleMs ?? 3_600_000;
      if (!this.finished()) {
        const next = this.timeline.closeTime[this.cursor] as number;
        if (next - this.virtualNow > maxIdle) this.virtualNow = next - maxIdle;
      }
      this.emitThrough(this.virtualNow + elapsed * MULTIPLIER[this.speed]);
    }
    if (this.finished()) {
      this.playing = false;
      this.publishState();
    } else if (this.cursor !== before) {
      this.publishProgress();
    }
  }

  /**
   * One `max` tick: whole close-time groups, in order, until maxBatch bars or the main-thread
   * budget is used up, so a fast replay leaves the event loop (and the kill path) free.
   */
  private emitMaxTick(): void {
    const workNow = this.options.workClock ?? (() => performance.now());
    const started = workNow();
    const budget = this.options.tickBudgetMs ?? 10;
    const limit = this.cursor + (this.options.maxBatch ?? 500);
    while (this.cursor < limit && !this.finished()) {
      this.emitThrough(this.timeline.closeTime[this.cursor] as number);
      if (workNow() - started >= budget) break;
    }
  }

  /** Moves virtual time to `time`, closing every bar due by then in timeline order. */
  private emitThrough(time: number): void {
    const { closeTime, seriesOf, indexOf, series } = this.timeline;
    while (this.cursor < this.timeline.length) {
      const close = closeTime[this.cursor] as number;
      if (close > time) break;
      const seriesIndex = seriesOf[this.cursor] as number;
      const index = indexOf[this.cursor] as number;
      this.cursor += 1;
      this.virtualNow = close;
      this.lastUpdateAt = close;
      const s = series[seriesIndex] as TimelineSeries;
      this.closed[seriesIndex] = index + 1;
      const candle = candleAt(s, index);
      const prevOpen = index > 0 ? (s.openTime[index - 1] as number) : undefined;
      this.bars.emit({
        ...s.key,
        candle,
        complete: s.complete[index] === 1,
        gapBefore: prevOpen === undefined ? 0 : (candle.openTime - prevOpen) / s.tfMs - 1,
        source: 'replay',
      });
    }
    if (time > this.virtualNow && Number.isFinite(time)) this.virtualNow = time;
  }

  /** Puts cursor, per-series closed counts and the clocks at `time`, emitting nothing. */
  private moveTo(time: number): void {
    this.virtualNow = time;
    this.cursor = cursorAt(this.timeline, time);
    this.closed = this.timeline.series.map((s) => closedCount(s, time));
    this.lastUpdateAt =
      this.cursor > 0 ? (this.timeline.closeTime[this.cursor - 1] as number) : null;
  }

  private finished(): boolean {
    return this.cursor >= this.timeline.length;
  }

  private publishState(force = false): void {
    const at = new Date(this.virtualNow).toISOString();
    if (this.finished()) this.setStatus('ENDED', `replay finished at ${at}`, force);
    else if (this.playing) this.setStatus('LIVE', `replay playing at ${this.speed}`, force);
    else this.setStatus('LIVE', `replay paused at ${at}`, force);
  }

  /**
   * While playing, the status repeats once per tick that closed bars, carrying the new
   * lastUpdateAt: the replay clock a window shows, whichever series it watches.
   */
  private publishProgress(): void {
    this.currentStatus = { ...this.currentStatus, lastUpdateAt: this.lastUpdateAt };
    this.statuses.emit(this.currentStatus);
  }

  private setStatus(state: FeedState, reason: string, force = false): void {
    const same = state === this.currentStatus.state && reason === this.currentStatus.reason;
    if (same && !force) return;
    this.currentStatus = this.makeStatus(state, reason);
    this.statuses.emit(this.currentStatus);
  }

  private makeStatus(state: FeedState, reason: string): FeedStatus {
    return {
      feed: this.name,
      state,
      reason,
      since: this.virtualNow,
      lastUpdateAt: this.lastUpdateAt,
    };
  }
}
