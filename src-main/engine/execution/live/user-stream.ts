import type { Exchange, Order, Trade } from 'ccxt';

export interface UserStreamStatus {
  readonly state: 'CONNECTING' | 'LIVE' | 'DOWN' | 'STOPPED';
  readonly reason: string;
  readonly reconnects: number;
}

export interface UserStreamDeps {
  readonly exchange: Exchange;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly onOrder: (order: Order) => void;
  readonly onTrade: (trade: Trade) => void;
  readonly onProblem: (reason: string) => void;
  /** The stream is back after a failure: REST must fill in what it missed. */
  readonly onRecovered: () => void;
  readonly onError: (error: unknown) => void;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
}

/**
 * The exchange's user-data stream through ccxt pro: watchOrders and watchMyTrades, each called
 * again at once in a loop (updates between two calls are cached by ccxt, not lost: ccxt
 * #10754), reconnecting with backoff and jitter after a failure. Every recovery asks for a
 * REST reconciliation, which finds what happened while the stream was down; the ledger's fill
 * ids make a fill seen on both paths count once.
 */
export class UserStream {
  private stopped = false;
  private failing = false;
  private reconnects = 0;
  private state: UserStreamStatus = { state: 'CONNECTING', reason: 'subscribing', reconnects: 0 };
  private loops: Array<Promise<void>> = [];

  constructor(private readonly deps: UserStreamDeps) {}

  start(): void {
    this.stopped = false;
    const ex = this.deps.exchange;
    this.loops = [
      this.loop(
        'orders',
        () => ex.watchOrders(),
        (items) => items.forEach((o) => this.deps.onOrder(o)),
      ),
      this.loop(
        'trades',
        () => ex.watchMyTrades(),
        (items) => items.forEach((t) => this.deps.onTrade(t)),
      ),
    ];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.state = { state: 'STOPPED', reason: 'stopped', reconnects: this.reconnects };
    try {
      await (this.deps.exchange as unknown as { close?: () => Promise<void> }).close?.();
    } catch (error) {
      this.deps.onError(error);
    }
    await Promise.allSettled(this.loops);
  }

  status(): UserStreamStatus {
    return this.state;
  }

  private async loop<T>(
    name: string,
    watch: () => Promise<T[]>,
    handle: (items: T[]) => void,
  ): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      let items: T[];
      try {
        items = await watch();
      } catch (error) {
        if (this.stopped) return;
        attempt += 1;
        const reason = `${name}: ${error instanceof Error ? error.message : String(error)}`.slice(
          0,
          300,
        );
        if (!this.failing) {
          this.failing = true;
          this.reconnects += 1;
        }
        this.state = {
          state: 'DOWN',
          reason: `reconnecting (${reason})`,
          reconnects: this.reconnects,
        };
        this.deps.onProblem(reason);
        const base = Math.min(
          this.deps.backoffMaxMs ?? 30_000,
          (this.deps.backoffBaseMs ?? 500) * 2 ** (attempt - 1),
        );
        await this.deps.sleep(Math.round(base * (0.5 + this.deps.random() / 2)));
        continue;
      }
      attempt = 0;
      if (this.failing) {
        this.failing = false;
        this.deps.onRecovered();
      }
      this.state = {
        state: 'LIVE',
        reason: 'order and fill updates stream',
        reconnects: this.reconnects,
      };
      try {
        handle(items);
      } catch (error) {
        this.deps.onError(error);
      }
    }
  }
}
