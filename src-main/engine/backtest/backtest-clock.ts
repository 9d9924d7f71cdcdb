import type { Clock, Scheduler } from '../clock';

/**
 * A backtest's only clock: market time. Until the replay is attached it reads `before` (a
 * time from the request, never the wall clock); then it follows the replay's virtual now, so
 * audit rows, risk events and the day of the daily loss limit are on the candles' time.
 * As a scheduler it runs nothing: no heartbeat, ticker or wake check fires on a timer, the
 * backtest's driver sets the pace bar by bar.
 */
export class BacktestClock implements Clock, Scheduler {
  private source: (() => number) | null = null;

  constructor(private readonly before: number) {}

  /** From now on, time is what `now` says (the replay's virtual clock). */
  follow(now: () => number): void {
    this.source = now;
  }

  now(): number {
    return this.source === null ? this.before : this.source();
  }

  every(): () => void {
    return () => {};
  }
}
