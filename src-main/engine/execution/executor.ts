import type { Database } from 'better-sqlite3';
import type { UnknownOrderOutcome } from '../../../src-shared/contract/risk';
import type {
  BookId,
  FillView,
  OrderRequestInput,
  OrderState,
  OrderView,
} from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Ledger } from '../ledger/ledger';
import type { Broker } from './broker';
import { ExecutorStoppedError } from './broker-errors';
import { writeBracketExits, writeExitPair, type ExitPair } from './bracket-exits';
import { foldWhenShort } from './bracket-fold';
import { cancelAllOrders, cancelOrder } from './cancel-path';
import { CLIENT_ORDER_ID_LENGTH } from './client-order-id';
import type { ExecutorCore } from './executor-core';
import { bookFill, exitSizing } from './fill-booking';
import { approveAll, type OrderGate } from './order-gate';
import { LATE_ARRIVAL_WINDOW_MS, NO_RECORD_REASON } from './never-placed';
import { intakeOrder } from './order-intake';
import { OrderStore, toOrderView, type OrderRow } from './order-store';
import { reconcileOrders, type ReconcileReport } from './reconcile-orders';
import { sendIntent } from './submit-path';
import {
  chaseUnknownOutcomes,
  orderWords,
  unknownOutcomeRows,
  type OrderOfUnknownOutcome,
} from './unknown-outcome-chase';
import { applyVenueOrder, queryVenue, resolveByQuery, settleAnswer } from './venue-answers';

export type { ReconcileReport } from './reconcile-orders';

export interface ExecutorOptions {
  readonly db: Database;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly broker: Broker;
  readonly ledger: Ledger;
  readonly gate?: OrderGate;
  /** Waits between retries of a submit that definitely did not reach the venue. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Attempts for a submit that fails with BrokerNotSentError (same client id). Default 4. */
  readonly maxSendAttempts?: number;
  readonly baseBackoffMs?: number;
  /** An INTENT older than this at restart is dropped, not sent (a stale order). Default 60 s. */
  readonly staleIntentMs?: number;
  /** A SUBMITTED order the venue still does not know after this long never arrived. Default 30 s. */
  readonly unknownGraceMs?: number;
  /** Test seam for the crash test (named points in the submit and fill paths). */
  readonly probe?: (point: string) => void;
}

export interface ExecutorObserver {
  readonly order?: (view: OrderView) => void;
  readonly fill?: (fill: FillView) => void;
  readonly error?: (error: unknown) => void;
  /**
   * An order recorded as never placed turned up at the venue after all, its record reopened
   * (see late-arrival.ts): told after its correction is written, before its venue status applies.
   */
  readonly lateArrival?: (view: OrderView) => void;
}

/**
 * The executor: the only writer of orders. Every order is an audited INTENT row before it
 * leaves the process; retries reuse its client id; an unclear submit is resolved by asking
 * the venue for that id, never by sending again; fills are applied exactly once (the ledger's
 * unique fill id), and a bracket's exits are written in the same transaction that completes
 * its entry. The paths themselves live beside it: order-intake, submit-path, cancel-path,
 * venue-answers, fill-booking and reconcile-orders, over one ExecutorCore.
 */
export class Executor {
  readonly orders: OrderStore;
  readonly bookId: BookId;
  private gate: OrderGate;
  private readonly core: ExecutorCore;
  private readonly observers = new Set<ExecutorObserver>();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Every send (user, bracket exit, reconciliation) from its INTENT until the venue's answer. */
  private readonly sends = new Set<Promise<void>>();
  private unsubscribe: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly options: ExecutorOptions) {
    if (CLIENT_ORDER_ID_LENGTH > options.broker.maxClientOrderIdLength) {
      throw new Error(
        `executor: ${options.broker.venue} accepts client ids up to ${options.broker.maxClientOrderIdLength} characters; ours have ${CLIENT_ORDER_ID_LENGTH}`,
      );
    }
    this.orders = new OrderStore(options.db, options.audit, options.clock);
    this.bookId = options.broker.bookId;
    this.gate = options.gate ?? approveAll;
    this.core = this.buildCore();
  }

  private buildCore(): ExecutorCore {
    const o = this.options;
    const core: ExecutorCore = {
      db: o.db,
      clock: o.clock,
      audit: o.audit,
      broker: o.broker,
      ledger: o.ledger,
      orders: this.orders,
      bookId: this.bookId,
      gate: () => this.gate,
      probe: o.probe ?? (() => {}),
      sleep: o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      random: o.random ?? Math.random,
      maxSendAttempts: o.maxSendAttempts ?? 4,
      baseBackoffMs: o.baseBackoffMs ?? 200,
      unknownGraceMs: o.unknownGraceMs ?? 30_000,
      sending: new Set<string>(),
      chasingFills: new Set<string>(),
      stopped: () => this.stopped,
      venue: (call, what) =>
        call.finally(() => {
          // The answer or error of a call in flight at stop() (which may be the closed
          // database itself, for the paper venue) is not applied.
          if (this.stopped) throw new ExecutorStoppedError(what);
        }),
      changeState: (id, to, reason, actor, venueOrderId = null) =>
        this.changeState(id, to, reason, actor, venueOrderId),
      changeStateInTx: (id, to, reason, actor, venueOrderId) => {
        const row = this.orders.setState(id, to, reason, actor, venueOrderId);
        return writeBracketExits(this.orders, row, exitSizing(core));
      },
      send: (id, actor, resumed) => this.watchSend(sendIntent(core, id, actor, resumed)),
      cancel: (id, actor, reason = null) => cancelOrder(core, id, actor, reason),
      query: (id) => queryVenue(core, id),
      resolveByQuery: (id, actor, flag) => resolveByQuery(core, id, actor, flag),
      settle: (id, venue, actor, flag) => settleAnswer(core, id, venue, actor, flag),
      applyVenueOrder: (venue, actor, flag) => applyVenueOrder(core, venue, actor, flag),
      applyFill: (fill) => bookFill(core, fill),
      anomaly: (id, actor, detail) => this.anomaly(id, actor, detail),
      notify: (row) => this.notify(row),
      lateArrival: (row) => {
        const view = toOrderView(row);
        for (const o of this.observers) o.lateArrival?.(view);
      },
      notifyFill: (fill) => {
        for (const ob of this.observers) ob.fill?.(fill);
      },
      track: (promise) => this.track(promise),
      reportError: (error) => this.reportError(error),
    };
    return core;
  }

  /** Starts listening to the venue's order updates and fills. */
  start(): void {
    this.stopped = false;
    if (this.unsubscribe !== null) return;
    this.unsubscribe = this.options.broker.subscribe((event) => {
      try {
        if (event.kind === 'fill') this.core.applyFill(event.fill);
        else this.core.applyVenueOrder(event.order, 'venue');
      } catch (error) {
        this.reportError(error);
      }
    });
  }

  /**
   * Stops listening and abandons work still waiting on the venue: nothing is written after
   * stop (the database may be closing), and every abandoned step is in the write-ahead records
   * for the next start's reconciliation.
   */
  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Installs the risk gate / kill switch check (see OrderGate). */
  setGate(gate: OrderGate): void {
    this.gate = gate;
  }

  observe(observer: ExecutorObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /**
   * Sends on their way to the venue now (an order there may not list yet): the kill counts
   * them before it trusts a venue's "no open orders".
   */
  sendsInFlight(): number {
    return this.sends.size;
  }

  /**
   * The kill's chase: every order of unknown outcome (and each `tracked` one an earlier pass
   * left unresolved) is asked for by client id, cancelled when found resting, and reported.
   */
  chaseUnknownOutcomes(actor: string, tracked: readonly string[]): Promise<UnknownOrderOutcome[]> {
    return chaseUnknownOutcomes(this.core, actor, tracked);
  }

  /** This book's orders whose outcome is unknown now (see unknownOutcomeRows), each in words. */
  unknownOutcomeOrders(): OrderOfUnknownOutcome[] {
    return unknownOutcomeRows(this.core).map((r) => ({
      clientOrderId: r.client_order_id,
      words: orderWords(r),
    }));
  }

  /** Resolves when every send on its way, and any started meanwhile, has the venue's answer. */
  async sendsSettled(): Promise<void> {
    while (this.sends.size > 0) await Promise.allSettled([...this.sends]);
  }

  /** Resolves when every send started in the background (bracket exits) has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Places an order: validates, asks the gate, writes the INTENT, sends it. Resolves with the
   * order as known after the venue's answer (which may still be SUBMITTED if unclear).
   */
  async place(input: OrderRequestInput, actor: string): Promise<OrderView> {
    const taken = intakeOrder(this.core, input, actor);
    if ('existing' in taken) return taken.existing;
    const cid = taken.row.client_order_id;
    if (!taken.decision.approved) {
      this.changeState(cid, 'REJECTED', `gate: ${taken.decision.reason}`, actor);
      return this.view(cid);
    }
    await this.core.send(cid, actor, false);
    return this.view(cid);
  }

  /**
   * SHADOW mode: the order exactly as it would be placed — validated, gated, written as an
   * audited INTENT — and then closed as CANCELED saying so. Nothing is sent, ever.
   */
  record(input: OrderRequestInput, actor: string): OrderView {
    const taken = intakeOrder(this.core, input, actor);
    if ('existing' in taken) return taken.existing;
    const cid = taken.row.client_order_id;
    if (!taken.decision.approved) {
      this.changeState(cid, 'REJECTED', `gate: ${taken.decision.reason}`, actor);
    } else {
      this.changeState(cid, 'CANCELED', 'SHADOW: recorded, nothing sent', actor);
    }
    return this.view(cid);
  }

  /**
   * Places a stop-loss and a take-profit for what is left of a position, one cancelling the
   * other, through the gate like any order. Resolves with both orders after the venue's answer.
   */
  async placeExitPair(
    terms: Pick<ExitPair, 'symbol' | 'side' | 'qty' | 'stopPrice' | 'takeProfit'> & {
      /** The entry the pair still protects (a moved stop keeps its bracket's entry). */
      readonly parentClientOrderId?: string;
    },
    actor: string,
  ): Promise<OrderView[]> {
    const ids = this.options.db.transaction(() =>
      writeExitPair(this.orders, {
        ...terms,
        bookId: this.bookId,
        venue: this.options.broker.venue,
        parentClientOrderId: terms.parentClientOrderId ?? null,
        group: this.orders.nextGroupTag(),
        placedBy: actor,
      }),
    )();
    // Both legs leave together: a venue with order lists sends them as one (the first leg waits
    // for its peer), so awaiting one before sending the other would send them apart.
    await Promise.all(ids.map((id) => this.core.send(id, actor, false)));
    return ids.map((id) => this.view(id));
  }

  cancel(clientOrderId: string, actor: string, reason: string | null = null): Promise<OrderView> {
    return cancelOrder(this.core, clientOrderId, actor, reason);
  }

  /** Cancels every open order of this book (optionally one symbol) at the venue and locally. */
  cancelAll(actor: string, symbol?: string): Promise<{ canceled: number; stillOpen: OrderView[] }> {
    return cancelAllOrders(this.core, actor, symbol);
  }

  /**
   * Startup (and periodic) reconciliation: every non-final order is checked against the
   * venue by client id; missing fills are recovered; intents never sent are sent (or dropped
   * when stale); venue orders we do not know are reported.
   */
  async reconcile(actor: string): Promise<ReconcileReport> {
    const core = this.core;
    return reconcileOrders(
      {
        bookId: this.bookId,
        orders: this.orders,
        broker: this.options.broker,
        ledger: this.options.ledger,
        audit: this.options.audit,
        clock: this.options.clock,
        staleIntentMs: this.options.staleIntentMs ?? 60_000,
        query: (id) => core.query(id),
        applyFill: (fill) => core.applyFill(fill),
        settle: (id, venue, by) => core.settle(id, venue, by),
        applyVenueOrder: (venue, by) => core.applyVenueOrder(venue, by),
        lateCandidates: () =>
          this.orders.expiredWith(
            this.bookId,
            NO_RECORD_REASON,
            this.options.clock.now() - LATE_ARRIVAL_WINDOW_MS,
          ),
        cancel: (id, by) => core.cancel(id, by),
        send: (id, by) => core.send(id, by, true),
        drop: (id, reason, by) => this.changeState(id, 'CANCELED', reason, by),
        idle: () => this.idle(),
        venue: (call, what) => core.venue(call, what),
      },
      actor,
    );
  }

  view(clientOrderId: string): OrderView {
    return toOrderView(this.orders.require(clientOrderId));
  }

  list(openOnly: boolean, limit = 200): OrderView[] {
    return this.orders.list(this.bookId, openOnly, limit).map(toOrderView);
  }

  private changeState(
    clientOrderId: string,
    to: OrderState,
    reason: string | null,
    actor: string,
    venueOrderId: string | null = null,
  ): OrderRow {
    const exits = this.options.db.transaction(() =>
      this.core.changeStateInTx(clientOrderId, to, reason, actor, venueOrderId),
    )();
    const row = this.orders.require(clientOrderId);
    this.notify(row);
    for (const cid of exits) this.track(this.core.send(cid, 'system:bracket', false));
    foldWhenShort(this.core, row, exitSizing(this.core));
    return row;
  }

  /** Something the venue says contradicts a final local state: audited loudly, never hidden. */
  private anomaly(clientOrderId: string, actor: string, detail: string): void {
    this.options.audit.append({ kind: 'order.anomaly', actor, payload: { clientOrderId, detail } });
    this.reportError(
      new Error(`order ${clientOrderId}: venue disagrees with final state: ${detail}`),
    );
  }

  private notify(row: OrderRow): void {
    const view = toOrderView(row);
    for (const o of this.observers) o.order?.(view);
  }

  private watchSend(send: Promise<void>): Promise<void> {
    this.sends.add(send);
    void send.then(
      () => this.sends.delete(send),
      () => this.sends.delete(send),
    );
    return send;
  }

  private track(promise: Promise<unknown>): void {
    const p = promise.catch((error: unknown) => this.reportError(error));
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private reportError(error: unknown): void {
    // Work abandoned by stop() is picked up by the next start; it is not a failure.
    if (error instanceof ExecutorStoppedError) return;
    let handled = false;
    for (const o of this.observers) {
      if (o.error !== undefined) {
        o.error(error);
        handled = true;
      }
    }
    if (!handled) console.error('executor:', error);
  }
}
