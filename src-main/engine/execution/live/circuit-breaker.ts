import type { Clock } from '../../clock';

export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface BreakerFigures {
  /** Failed calls in a row that open the breaker. */
  readonly failures: number;
  /** How long it stays open before one probe may go through. */
  readonly openMs: number;
  /** Successful calls (while half-open) that close it. */
  readonly closeAfter: number;
}

export interface BreakerStatus {
  readonly state: BreakerState;
  readonly consecutiveFailures: number;
  /** When it opened last (null: never). */
  readonly openedAt: number | null;
  /** The failure that opened it, or the last one. */
  readonly lastFailure: string | null;
}

/**
 * A circuit breaker per live venue. CLOSED: calls go out. After `failures` failed calls in a
 * row it OPENS: new entries are refused at once (not sent), so a failing exchange is not
 * hammered with orders whose outcome nobody can know. After `openMs` it is HALF_OPEN: calls
 * go out again as probes; `closeAfter` successes close it, one failure opens it again. What
 * reduces risk (cancels, reduce-only exits, queries) is never blocked by the breaker — a kill
 * must reach a struggling exchange — but its outcomes count. Figures come from the risk
 * configuration on every call, so a change applies at once.
 */
export class CircuitBreaker {
  private state: BreakerState = 'CLOSED';
  private consecutive = 0;
  private successesWhileHalfOpen = 0;
  private openedAt: number | null = null;
  private lastFailure: string | null = null;
  private readonly listeners = new Set<(status: BreakerStatus) => void>();

  constructor(
    private readonly clock: Clock,
    private readonly figures: () => BreakerFigures,
  ) {}

  /** Why a new entry may not go out now, or null when it may. */
  refusal(): string | null {
    this.settle();
    if (this.state !== 'OPEN') return null;
    const reopensIn = Math.max(0, (this.openedAt ?? 0) + this.figures().openMs - this.clock.now());
    return `circuit breaker open after ${this.consecutive} failed calls (last: ${this.lastFailure ?? 'unknown'}); probing again in ${Math.ceil(reopensIn / 1000)} s`;
  }

  success(): void {
    this.settle();
    this.consecutive = 0;
    if (this.state === 'HALF_OPEN') {
      this.successesWhileHalfOpen += 1;
      if (this.successesWhileHalfOpen >= this.figures().closeAfter) this.move('CLOSED');
    }
  }

  failure(reason: string): void {
    this.settle();
    this.consecutive += 1;
    this.lastFailure = reason;
    if (this.state === 'HALF_OPEN' || this.consecutive >= this.figures().failures) {
      this.openedAt = this.clock.now();
      this.move('OPEN');
    } else {
      this.notify();
    }
  }

  status(): BreakerStatus {
    this.settle();
    return {
      state: this.state,
      consecutiveFailures: this.consecutive,
      openedAt: this.openedAt,
      lastFailure: this.lastFailure,
    };
  }

  onChange(listener: (status: BreakerStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** OPEN turns HALF_OPEN once its time is up. */
  private settle(): void {
    if (this.state !== 'OPEN' || this.openedAt === null) return;
    if (this.clock.now() - this.openedAt >= this.figures().openMs) this.move('HALF_OPEN');
  }

  private move(to: BreakerState): void {
    if (to === this.state && to !== 'OPEN') return;
    this.state = to;
    this.successesWhileHalfOpen = 0;
    this.notify();
  }

  private notify(): void {
    const status = {
      state: this.state,
      consecutiveFailures: this.consecutive,
      openedAt: this.openedAt,
      lastFailure: this.lastFailure,
    };
    for (const listener of this.listeners) listener(status);
  }
}
