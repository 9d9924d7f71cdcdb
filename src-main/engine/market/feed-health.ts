import type { FeedState, FeedStatus } from '../../../src-shared/domain/market';
import type { Clock } from '../clock';
import { Listeners } from './market-feed';

/**
 * A live feed's status and freshness: the current CONNECTING/LIVE/STALE/DOWN state with its
 * reason, the time of the last market update, and the LIVE <-> STALE rule. Status events go
 * out only on a change of state or reason (a STALE feed's growing age is not a new event).
 */
export class FeedHealth {
  private current: FeedStatus;
  private lastUpdateAt: number | null = null;
  private readonly listeners: Listeners<FeedStatus>;

  constructor(
    private readonly feed: string,
    private readonly clock: Clock,
    private readonly staleAfterMs: number,
    onError: (error: unknown) => void,
  ) {
    this.listeners = new Listeners(onError);
    this.current = this.make('DOWN', 'not started');
  }

  status(): FeedStatus {
    return this.current;
  }

  onStatus(listener: (status: FeedStatus) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Something new arrived from the market (a closed candle, an advancing tick). */
  markUpdate(): void {
    this.lastUpdateAt = this.clock.now();
  }

  /** When the last market update arrived (feed clock), null before the first. */
  lastUpdate(): number | null {
    return this.lastUpdateAt;
  }

  ageMs(): number | null {
    return this.lastUpdateAt === null ? null : this.clock.now() - this.lastUpdateAt;
  }

  set(state: FeedState, reason: string): void {
    if (state === this.current.state && reason === this.current.reason) return;
    if (state === 'STALE' && this.current.state === 'STALE') return;
    this.current = this.make(state, reason);
    this.listeners.emit(this.current);
  }

  /**
   * LIVE or STALE by the age of the last update. Only moves a LIVE/STALE feed, unless
   * `afterSuccess` (a request cycle just succeeded), which also lifts CONNECTING/DOWN.
   */
  evaluate(liveReason: string, afterSuccess: boolean): void {
    const state = this.current.state;
    if (!afterSuccess && state !== 'LIVE' && state !== 'STALE') return;
    const age = this.ageMs();
    if (age === null) return;
    if (age > this.staleAfterMs) {
      const limit = this.staleAfterMs / 1000;
      this.set('STALE', `no market update for ${Math.round(age / 1000)} s (limit ${limit} s)`);
    } else {
      this.set('LIVE', liveReason);
    }
  }

  private make(state: FeedState, reason: string): FeedStatus {
    return {
      feed: this.feed,
      state,
      reason,
      since: this.clock.now(),
      lastUpdateAt: this.lastUpdateAt,
    };
  }
}
