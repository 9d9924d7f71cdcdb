import type { Database, Statement } from 'better-sqlite3';
import { RefusedError } from '../../../../src-shared/contract/command-refusal';
import type { BookId } from '../../../../src-shared/domain/order';
import type { AuditLog } from '../../audit/audit-log';
import type { Clock, Scheduler } from '../../clock';
import { ExecutorStoppedError } from '../broker-errors';
import type { ExecutionBook, ForeignOrder } from '../execution-book';
import type { Executor } from '../executor';
import type { CcxtBroker } from './ccxt-broker';

export interface LiveBookDeps {
  readonly db: Database;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly broker: CcxtBroker;
  readonly executor: Executor;
  /** How often orders, fills and foreign orders are reconciled by REST. */
  readonly reconcileMs: number;
  readonly onError: (error: unknown) => void;
  /** Told when the set of unresolved foreign orders changed. */
  readonly onForeignOrders?: (orders: readonly ForeignOrder[]) => void;
}

interface ForeignRow {
  venue: string;
  client_order_id: string;
  venue_order_id: string;
  symbol: string;
  side: string;
  qty: string;
  seen_at: number;
}

/**
 * One live venue's book: its CcxtBroker and executor, reconciled with the venue at start and
 * then every `reconcileMs` (not only at startup), one pass at a time. Each pass also looks for
 * open orders at the venue that this database never wrote: they are recorded and audited, and
 * block new entries (see `entryRefusal`) until the trader adopts or cancels each one.
 */
export class LiveBook implements ExecutionBook {
  readonly bookId: BookId;
  readonly broker: CcxtBroker;
  readonly executor: Executor;
  private stopTimer: () => void = () => {};
  private passing: Promise<void> | null = null;
  private stopped = false;
  private readonly s: Record<'upsert' | 'open' | 'resolve', Statement>;

  constructor(private readonly deps: LiveBookDeps) {
    this.broker = deps.broker;
    this.executor = deps.executor;
    this.bookId = deps.broker.bookId;
    this.s = {
      upsert: deps.db.prepare(
        `INSERT INTO live_foreign_orders (venue, client_order_id, venue_order_id, symbol, side, qty, seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(venue, client_order_id) DO NOTHING`,
      ),
      open: deps.db.prepare(
        'SELECT * FROM live_foreign_orders WHERE venue = ? AND resolution IS NULL ORDER BY seen_at',
      ),
      resolve: deps.db.prepare(
        'UPDATE live_foreign_orders SET resolution = ?, resolved_at = ? WHERE venue = ? AND client_order_id = ? AND resolution IS NULL',
      ),
    };
  }

  /** Starts listening and reconciling; the first pass runs now. */
  start(): Promise<void> {
    this.stopped = false;
    this.executor.start();
    this.stopTimer = this.deps.scheduler.every(this.deps.reconcileMs, () => {
      this.reconcileSoon();
    });
    return this.reconcile();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopTimer();
    this.executor.stop();
    await this.broker.stop();
  }

  /** A pass soon (the user stream came back, a timer fired); never two at once. */
  reconcileSoon(): void {
    if (this.passing !== null || this.stopped) return;
    this.reconcile().catch((error: unknown) => {
      if (!(error instanceof ExecutorStoppedError)) this.deps.onError(error);
    });
  }

  /** One reconciliation pass: orders and fills by client id, then foreign orders. */
  reconcile(): Promise<void> {
    if (this.passing !== null) return this.passing;
    const pass = (async () => {
      await this.executor.reconcile('system:live-reconcile');
      if (this.stopped) return;
      await this.findForeignOrders();
    })().finally(() => {
      this.passing = null;
    });
    this.passing = pass;
    return pass;
  }

  foreignOrders(): ForeignOrder[] {
    return (this.s.open.all(this.broker.venue) as ForeignRow[]).map((r) => ({
      venue: r.venue,
      clientOrderId: r.client_order_id,
      venueOrderId: r.venue_order_id,
      symbol: r.symbol,
      side: r.side,
      qty: r.qty,
      seenAt: r.seen_at,
    }));
  }

  /** Why new entries are refused on this book now, or null. */
  entryRefusal(): string | null {
    const foreign = this.foreignOrders();
    if (foreign.length === 0) return null;
    const list = foreign
      .slice(0, 3)
      .map((o) => `${o.clientOrderId} (${o.side} ${o.qty} ${o.symbol})`)
      .join(', ');
    return `${this.broker.venue} shows ${foreign.length} open order(s) Vigil did not place: ${list}${foreign.length > 3 ? ', …' : ''}; adopt or cancel each before new entries`;
  }

  /**
   * The trader's decision on a foreign order: `adopt` (leave it at the venue, known and
   * audited; Vigil does not manage it) or `cancel` (cancelled at the venue now).
   */
  async resolveForeign(
    clientOrderId: string,
    action: 'adopt' | 'cancel',
    actor: string,
  ): Promise<void> {
    const order = this.foreignOrders().find((o) => o.clientOrderId === clientOrderId);
    if (order === undefined) {
      throw new RefusedError(
        `${this.broker.venue} has no unresolved foreign order ${clientOrderId}`,
      );
    }
    if (action === 'cancel') await this.broker.cancel(clientOrderId, order.symbol);
    this.s.resolve.run(
      action === 'adopt' ? 'adopted' : 'canceled',
      this.deps.clock.now(),
      this.broker.venue,
      clientOrderId,
    );
    this.deps.audit.append({
      kind: `live.foreign_${action === 'adopt' ? 'adopted' : 'canceled'}`,
      actor,
      payload: { ...order },
    });
    this.deps.onForeignOrders?.(this.foreignOrders());
  }

  private async findForeignOrders(): Promise<void> {
    const open = await this.broker.openOrders();
    if (this.stopped) return;
    const before = this.foreignOrders().length;
    for (const o of open) {
      if (this.executor.orders.byClientId(o.clientOrderId) !== undefined) continue;
      const inserted = this.s.upsert.run(
        this.broker.venue,
        o.clientOrderId,
        o.venueOrderId,
        o.symbol,
        o.side,
        o.qty,
        this.deps.clock.now(),
      );
      if (inserted.changes > 0) {
        this.deps.audit.append({
          kind: 'live.foreign_order',
          actor: 'system:live-reconcile',
          payload: { venue: this.broker.venue, ...o },
        });
      }
    }
    // A foreign order that is no longer open at the venue needs no decision any more.
    const stillOpen = new Set(open.map((o) => o.clientOrderId));
    for (const f of this.foreignOrders()) {
      if (!stillOpen.has(f.clientOrderId)) {
        this.s.resolve.run('canceled', this.deps.clock.now(), this.broker.venue, f.clientOrderId);
      }
    }
    if (this.foreignOrders().length !== before) this.deps.onForeignOrders?.(this.foreignOrders());
  }
}
