import type { Clock } from '../clock';
import type { AlertChannel } from './alert-channel';
import { URGENT_KINDS, type AlertMessage } from './alert-message';

export interface AlertQueueDeps {
  readonly channel: AlertChannel;
  readonly clock: Clock;
  /** Waits between retries and while rate-limited; tests inject one that moves their clock. */
  readonly sleep: (ms: number) => Promise<void>;
  readonly perMinute: () => number;
  readonly random?: () => number;
  /** Attempts per message before it counts as failed (default 5). */
  readonly maxAttempts?: number;
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Beyond this many waiting messages the oldest routine ones are folded into a digest. */
  readonly maxQueued?: number;
  readonly onDelivered: (message: AlertMessage, attempts: number) => void;
  readonly onFailed: (message: AlertMessage, error: string, attempts: number) => void;
  readonly onChange: () => void;
}

const WINDOW_MS = 60_000;
const DIGEST_LINES = 5;

/**
 * One channel's outbox. push() is synchronous and never throws, so the engine never waits on
 * a network; a single worker delivers in order, urgent messages (halts) first. Failures are
 * retried with backoff (or the receiver's retry_after) and, once exhausted, reported. A
 * per-minute limit holds routine messages back: what piles up meanwhile goes out as one
 * digest naming every count, so a flood of fills is summarized, never silently dropped.
 */
export class AlertQueue {
  private readonly pending: AlertMessage[] = [];
  private readonly sentAt: number[] = [];
  private worker: Promise<void> | null = null;
  private stopped = false;
  sent = 0;

  constructor(private readonly deps: AlertQueueDeps) {}

  get queued(): number {
    return this.pending.length;
  }

  push(message: AlertMessage): void {
    if (this.stopped) return;
    if (URGENT_KINDS.has(message.kind)) {
      const at = this.pending.findIndex((m) => !URGENT_KINDS.has(m.kind));
      this.pending.splice(at < 0 ? this.pending.length : at, 0, message);
    } else {
      this.pending.push(message);
    }
    const max = this.deps.maxQueued ?? 500;
    if (this.pending.length > max) this.fold();
    this.deps.onChange();
    this.worker ??= this.work().finally(() => {
      this.worker = null;
    });
  }

  /** Resolves when everything queued so far was delivered or given up on. */
  async idle(): Promise<void> {
    while (this.worker !== null) await this.worker;
  }

  stop(): void {
    this.stopped = true;
    this.pending.length = 0;
  }

  private async work(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      let next = this.pending[0];
      if (next === undefined) return;
      if (!URGENT_KINDS.has(next.kind)) {
        const wait = this.rateWait();
        if (wait > 0) {
          await this.deps.sleep(wait);
          // Everything that piled up while we waited goes out as one digest.
          this.fold();
          next = this.pending[0];
          if (next === undefined) return;
          continue;
        }
      }
      this.pending.shift();
      await this.deliver(next);
      this.deps.onChange();
    }
  }

  private async deliver(message: AlertMessage): Promise<void> {
    const max = this.deps.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt += 1) {
      let outcome;
      try {
        outcome = await this.deps.channel.send(message);
      } catch (error) {
        outcome = {
          ok: false as const,
          retry: false,
          retryAfterMs: null,
          error: error instanceof Error ? error.message : String(error),
        };
      }
      if (outcome.ok) {
        this.sentAt.push(this.deps.clock.now());
        this.sent += 1;
        this.deps.onDelivered(message, attempt);
        return;
      }
      if (!outcome.retry || attempt >= max || this.stopped) {
        this.deps.onFailed(message, outcome.error, attempt);
        return;
      }
      await this.deps.sleep(outcome.retryAfterMs ?? this.backoff(attempt));
    }
  }

  private backoff(attempt: number): number {
    const base = (this.deps.baseBackoffMs ?? 1000) * 2 ** (attempt - 1);
    const capped = Math.min(base, this.deps.maxBackoffMs ?? 60_000);
    return Math.round(capped * (0.5 + (this.deps.random ?? Math.random)() / 2));
  }

  /** How long until the per-minute window has room again (0: send now). */
  private rateWait(): number {
    const now = this.deps.clock.now();
    while (this.sentAt.length > 0 && (this.sentAt[0] ?? 0) <= now - WINDOW_MS) this.sentAt.shift();
    if (this.sentAt.length < this.deps.perMinute()) return 0;
    return Math.max(1, (this.sentAt[0] ?? now) + WINDOW_MS - now);
  }

  /** Folds every waiting routine message into one digest that names what it holds. */
  private fold(): void {
    const routine = this.pending.filter((m) => !URGENT_KINDS.has(m.kind));
    if (routine.length <= 1) return;
    const urgent = this.pending.filter((m) => URGENT_KINDS.has(m.kind));
    const counts = new Map<string, number>();
    for (const m of routine) {
      for (const [kind, n] of Object.entries(m.folded ?? { [m.kind]: 1 }))
        counts.set(kind, (counts.get(kind) ?? 0) + n);
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const summary = [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
    const lines = routine
      .filter((m) => m.folded === undefined)
      .slice(0, DIGEST_LINES)
      .map((m) => `• ${m.title}: ${m.body}`);
    if (total > lines.length) lines.push(`… and ${total - lines.length} more`);
    const digest: AlertMessage = {
      kind: 'digest',
      title: `Vigil: ${total} alerts held back by the rate limit (${summary})`,
      body: lines.join('\n'),
      at: this.deps.clock.now(),
      folded: Object.fromEntries(counts),
    };
    this.pending.length = 0;
    this.pending.push(...urgent, digest);
  }
}
