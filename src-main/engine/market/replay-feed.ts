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
  sliceWindow,
  type CandleWindow,
  type CandleWindowResult,
  type MarketFeed,
} from './market-feed';
import {
  buildTimeline,
  type ReplaySource,
  type Timeline,
  type TimelineSeries,
} from './replay-timeline';

export interface ReplayFeedOptions {
  readonly sources: readonly ReplaySource[];
  /** Higher timeframes to derive from each source by exact aggregation. */
  readonly derive?: readonly Timeframe[];
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

export interface ReplayState {
  readonly playing: boolean;
  readonly speed: ReplaySpeed;
  readonly now: number;
  readonly finished: boolean;
}

const MULTIPLIER: Readonly<Record<Exclude<ReplaySpeed, 'max'>, number>> = {
  '1x': 1,
  '10x': 10,
  '60x': 60,
};

/**
 * Plays validated candle series on a virtual clock: play/pause, step one bar close, speed
 * 1x/10x/60x/max. Bar-close events come in the timeline's total order, so the same sources
 * and start give the same event sequence whatever the speed or tick pattern.
 */
export class ReplayFeed implements MarketFeed {
  readonly name = 'replay';
  /** The replay's virtual clock, for components that must live in replay time. */
  readonly clock: Clock = { now: () => this.virtualNow };
  private readonly timeline: Timeline;
  private readonly bars: Listeners<BarClosed>;
  private readonly statuses: Listeners<FeedStatus>;
  /** Per series: how many candles have closed (index of the first not yet closed). */
  private readonly closed: number[];
  private cursor = 0;
  private virtualNow: number;
  private playing = false;
  private speed: ReplaySpeed;
  private lastReal = 0;
  private lastUpdateAt: number | null = null;
  private currentStatus: FeedStatus;
  private stopTicker: (() => void) | undefined;

  constructor(private readonly options: ReplayFeedOptions) {
    this.timeline = buildTimeline(options.sources, options.derive ?? []);
    this.bars = new Listeners(options.onError);
    this.statuses = new Listeners(options.onError);
    this.speed = options.speed ?? '60x';
    const firstOpen = Math.min(
      ...options.sources.map((source) => source.candles[0]?.openTime ?? Infinity),
    );
    const start = options.startAt ?? firstOpen;
    if (!Number.isSafeInteger(start)) throw new Error('replay: no candles to play');
    this.virtualNow = start;
    const events = this.timeline.events;
    while (this.cursor < events.length && (events[this.cursor]?.closeTime as number) <= start) {
      this.cursor += 1;
    }
    this.closed = this.timeline.series.map((s) => closedCount(s, start));
    if (this.cursor > 0) this.lastUpdateAt = events[this.cursor - 1]?.closeTime ?? null;
    this.currentStatus = this.makeStatus('CONNECTING', 'replay loaded, not started');
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
    const next = this.timeline.events[this.cursor];
    if (next !== undefined) this.emitThrough(next.closeTime);
    this.publishState();
    return this.state();
  }

  /**
   * Emits every remaining bar synchronously, as fast as possible (backtests and benchmarks).
   * Returns the number of bar events emitted.
   */
  drain(): number {
    const before = this.cursor;
    const last = this.timeline.events.at(-1);
    if (last !== undefined) this.emitThrough(last.closeTime);
    this.publishState();
    return this.cursor - before;
  }

  state(): ReplayState {
    return {
      playing: this.playing,
      speed: this.speed,
      now: this.virtualNow,
      finished: this.finished(),
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
        first: n > 0 ? (s.candles[0]?.openTime ?? null) : null,
        last: n > 0 ? (s.candles[n - 1]?.openTime ?? null) : null,
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
    const candles = sliceWindow(series.candles, this.closed[index] as number, window);
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
      const next = this.timeline.events[this.cursor];
      const maxIdle = this.options.maxIdleMs ?? 3_600_000;
      if (next !== undefined && next.closeTime - this.virtualNow > maxIdle) {
        this.virtualNow = next.closeTime - maxIdle;
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
    while (this.cursor < limit) {
      const next = this.timeline.events[this.cursor];
      if (next === undefined) break;
      this.emitThrough(next.closeTime);
      if (workNow() - started >= budget) break;
    }
  }

  /** Moves virtual time to `time`, closing every bar due by then in timeline order. */
  private emitThrough(time: number): void {
    const { events, series } = this.timeline;
    while (this.cursor < events.length) {
      const event = events[this.cursor] as (typeof events)[number];
      if (event.closeTime > time) break;
      this.cursor += 1;
      this.virtualNow = event.closeTime;
      this.lastUpdateAt = event.closeTime;
      const s = series[event.series] as TimelineSeries;
      this.closed[event.series] = event.index + 1;
      const candle = s.candles[event.index] as TimelineSeries['candles'][number];
      const prev = event.index > 0 ? s.candles[event.index - 1] : undefined;
      this.bars.emit({
        ...s.key,
        candle,
        complete: s.complete[event.index] as boolean,
        gapBefore: prev === undefined ? 0 : (candle.openTime - prev.openTime) / s.tfMs - 1,
        source: 'replay',
      });
    }
    if (time > this.virtualNow && Number.isFinite(time)) this.virtualNow = time;
  }

  private finished(): boolean {
    return this.cursor >= this.timeline.events.length;
  }

  private publishState(): void {
    const at = new Date(this.virtualNow).toISOString();
    if (this.finished()) this.setStatus('DOWN', `replay finished at ${at}`);
    else if (this.playing) this.setStatus('LIVE', `replay playing at ${this.speed}`);
    else this.setStatus('LIVE', `replay paused at ${at}`);
  }

  /**
   * While playing, the status repeats once per tick that closed bars, carrying the new
   * lastUpdateAt: the replay clock a window shows, whichever series it watches.
   */
  private publishProgress(): void {
    this.currentStatus = { ...this.currentStatus, lastUpdateAt: this.lastUpdateAt };
    this.statuses.emit(this.currentStatus);
  }

  private setStatus(state: FeedState, reason: string): void {
    if (state === this.currentStatus.state && reason === this.currentStatus.reason) return;
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

/** Candles of a series already closed at `time`. */
function closedCount(series: TimelineSeries, time: number): number {
  let n = 0;
  while (n < series.candles.length && (series.candles[n]?.openTime as number) + series.tfMs <= time)
    n += 1;
  return n;
}
