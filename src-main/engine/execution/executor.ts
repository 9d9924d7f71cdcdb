import type { Database } from 'better-sqlite3';
import { InvalidInputError, RefusedError } from '../../../src-shared/contract/command-refusal';
import {
  OrderRequestSchema,
  type BookId,
  type FillView,
  type OrderRequestInput,
  type OrderState,
  type OrderView,
} from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Ledger } from '../ledger/ledger';
import { qtyOf, qtyText } from '../ledger/money';
import type { Broker, VenueFill, VenueOrder } from './broker';
import {
  BrokerDuplicateIdError,
  BrokerNotSentError,
  ExecutorStoppedError,
  VenueRejectError,
} from './broker-errors';
import { approveAll, type GateDecision, type OrderGate } from './order-gate';
import { isFinalState } from './order-state';
import { writeBracketExits, writeExitPair, type ExitPair } from './bracket-exits';
import { cancelExitsOfFlatPosition } from './exits-on-flat';
import { CLIENT_ORDER_ID_LENGTH } from './client-order-id';
import { reconcileOrders, type ReconcileReport, type VenueAnswer } from './reconcile-orders';
import { OrderStore, toOrderView, type OrderRow } from './order-store';
import { nextLocalState, rowToRequest, stateAfterFill, toSubmitRequest } from './venue-mapping';
import { validateOrderRequest } from './validate-order-request';

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
}

const CANCEL_REFUSED = Symbol('cancel-refused');

/**
 * The executor: the only writer of orders. Every order is an audited INTENT row before it
 * leaves the process; retries reuse its client id; an unclear submit is resolved by asking
 * the venue for that id, never by sending again; fills are applied exactly once (the ledger's
 * unique fill id), and a bracket's exits are written in the same transaction that completes
 * its entry.
 */
export class Executor {
  readonly orders: OrderStore;
  readonly bookId: BookId;
  private gate: OrderGate;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly probe: (point: string) => void;
  private readonly observers = new Set<ExecutorObserver>();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Client ids whose submit call has not returned yet: never expired while we still wait. */
  private readonly sending = new Set<string>();
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
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
    this.probe = options.probe ?? (() => {});
  }

  /** Starts listening to the venue's order updates and fills. */
  start(): void {
    this.stopped = false;
    if (this.unsubscribe !== null) return;
    this.unsubscribe = this.options.broker.subscribe((event) => {
      try {
        if (event.kind === 'fill') this.applyFill(event.fill);
        else this.applyVenueOrder(event.order, 'venue');
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

  /**
   * Awaits a venue call. When stop() came while it was in flight, its answer or error (which
   * may be the closed database itself, for the paper venue) becomes ExecutorStoppedError.
   */
  private venue<T>(call: Promise<T>, what: string): Promise<T> {
    return call.finally(() => {
      if (this.stopped) throw new ExecutorStoppedError(what);
    });
  }

  /** Installs the risk gate / kill switch check (see OrderGate). */
  setGate(gate: OrderGate): void {
    this.gate = gate;
  }

  observe(observer: ExecutorObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
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
    const taken = this.intake(input, actor);
    if ('existing' in taken) return taken.existing;
    const cid = taken.row.client_order_id;
    if (!taken.decision.approved) {
      this.changeState(cid, 'REJECTED', `gate: ${taken.decision.reason}`, actor);
      return this.view(cid);
    }
    await this.send(cid, actor, false);
    return this.view(cid);
  }

  /**
   * SHADOW mode: the order exactly as it would be placed — validated, gated, written as an
   * audited INTENT — and then closed as CANCELED saying so. Nothing is sent, ever.
   */
  record(input: OrderRequestInput, actor: string): OrderView {
    const taken = this.intake(input, actor);
    if ('existing' in taken) return taken.existing;
    const cid = taken.row.client_order_id;
    if (!taken.decision.approved) {
      this.changeState(cid, 'REJECTED', `gate: ${taken.decision.reason}`, actor);
    } else {
      this.changeState(cid, 'CANCELED', 'SHADOW: recorded, nothing sent', actor);
    }
    return this.view(cid);
  }

  /** Validates, asks the gate and writes the INTENT; a known request key returns its order. */
  private intake(
    input: OrderRequestInput,
    actor: string,
  ): { existing: OrderView } | { row: OrderRow; decision: GateDecision } {
    const parsed = OrderRequestSchema.safeParse(input);
    if (!parsed.success) {
      throw new InvalidInputError(
        'order request',
        parsed.error.issues.map((i) => ({
          path: i.path.join('.') || '(input)',
          message: i.message,
        })),
      );
    }
    const request = validateOrderRequest(parsed.data);
    if (request.requestKey !== undefined) {
      const existing = this.orders.byRequestKey(this.bookId, request.requestKey);
      if (existing !== undefined) return { existing: toOrderView(existing) };
    }
    const decision = this.gate(request, {
      bookId: this.bookId,
      actor,
      bracketRole: null,
      resumed: false,
    });
    const row = this.orders.insertIntent(this.bookId, this.options.broker.venue, request, {
      placedBy: actor,
      bracketRole: request.bracket === undefined ? null : 'entry',
      parentClientOrderId: null,
      ocoGroup: null,
    });
    this.probe('exec.intent.written');
    return { row, decision };
  }

  /**
   * Places a stop-loss and a take-profit for what is left of a position, one cancelling the
   * other, through the gate like any order. Resolves with both orders after the venue's answer.
   */
  async placeExitPair(
    terms: Pick<ExitPair, 'symbol' | 'side' | 'qty' | 'stopPrice' | 'takeProfit'>,
    actor: string,
  ): Promise<OrderView[]> {
    const ids = this.options.db.transaction(() =>
      writeExitPair(this.orders, {
        ...terms,
        bookId: this.bookId,
        venue: this.options.broker.venue,
        parentClientOrderId: null,
        group: this.orders.nextGroupTag(),
        placedBy: actor,
      }),
    )();
    for (const id of ids) await this.send(id, actor, false);
    return ids.map((id) => this.view(id));
  }

  async cancel(
    clientOrderId: string,
    actor: string,
    reason: string | null = null,
  ): Promise<OrderView> {
    const row = this.orders.byClientId(clientOrderId);
    if (row === undefined)
      throw new InvalidInputError('cancel', [
        { path: 'clientOrderId', message: `no order ${clientOrderId}` },
      ]);
    if (row.book_id !== this.bookId)
      throw new RefusedError(`order ${clientOrderId} belongs to book ${row.book_id}`);
    if (isFinalState(row.state))
      throw new RefusedError(`order ${clientOrderId} is already ${row.state}`);
    if (row.state === 'INTENT') {
      this.changeState(clientOrderId, 'CANCELED', reason ?? 'canceled before it was sent', actor);
      return this.view(clientOrderId);
    }
    if (row.state !== 'CANCEL_PENDING')
      this.changeState(clientOrderId, 'CANCEL_PENDING', reason, actor);
    try {
      const venue = await this.venue(
        this.options.broker.cancel(clientOrderId, row.symbol),
        'a cancel',
      );
      this.applyVenueOrder(venue, actor);
    } catch (error) {
      if (error instanceof ExecutorStoppedError) throw error;
      if (error instanceof VenueRejectError)
        await this.resolveByQuery(clientOrderId, actor, CANCEL_REFUSED);
      else this.reportError(error); // unclear: stays CANCEL_PENDING until reconciled
    }
    return this.view(clientOrderId);
  }

  /** Cancels every open order of this book (optionally one symbol) at the venue and locally. */
  async cancelAll(
    actor: string,
    symbol?: string,
  ): Promise<{ canceled: number; stillOpen: OrderView[] }> {
    let canceled = 0;
    for (const row of this.orders.nonFinal(this.bookId)) {
      if (symbol !== undefined && row.symbol !== symbol) continue;
      if (row.state === 'INTENT') {
        this.changeState(row.client_order_id, 'CANCELED', 'canceled before it was sent', actor);
        canceled += 1;
      } else if (row.state !== 'CANCEL_PENDING') {
        this.changeState(row.client_order_id, 'CANCEL_PENDING', 'cancel-all', actor);
      }
    }
    const venueCanceled = await this.venue(this.options.broker.cancelAll(symbol), 'cancel-all');
    for (const venue of venueCanceled) this.applyVenueOrder(venue, actor);
    canceled += venueCanceled.length;
    // Whatever is still pending was not in the venue's answer: ask for each one.
    for (const row of this.orders.nonFinal(this.bookId)) {
      if (symbol !== undefined && row.symbol !== symbol) continue;
      await this.resolveByQuery(row.client_order_id, actor, CANCEL_REFUSED);
    }
    const stillOpen = this.orders
      .nonFinal(this.bookId)
      .filter((r) => symbol === undefined || r.symbol === symbol)
      .map(toOrderView);
    return { canceled, stillOpen };
  }

  /**
   * Startup (and periodic) reconciliation: every non-final order is checked against the
   * venue by client id; missing fills are recovered; intents never sent are sent (or dropped
   * when stale); venue orders we do not know are reported.
   */
  async reconcile(actor: string): Promise<ReconcileReport> {
    return reconcileOrders(
      {
        bookId: this.bookId,
        orders: this.orders,
        broker: this.options.broker,
        ledger: this.options.ledger,
        audit: this.options.audit,
        clock: this.options.clock,
        staleIntentMs: this.options.staleIntentMs ?? 60_000,
        query: (id) => this.query(id),
        applyFill: (fill) => this.applyFill(fill),
        settle: (id, venue, by) => this.settle(id, venue, by),
        cancel: (id, by) => this.cancel(id, by),
        send: (id, by) => this.send(id, by, true),
        drop: (id, reason, by) => this.changeState(id, 'CANCELED', reason, by),
        idle: () => this.idle(),
        venue: (call, what) => this.venue(call, what),
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

  /** Sends an INTENT. INTENT -> SUBMITTED is written before the call leaves the process. */
  private async send(clientOrderId: string, actor: string, resumed: boolean): Promise<void> {
    let row = this.orders.require(clientOrderId);
    if (row.state !== 'INTENT') return;
    const request = rowToRequest(row);
    const decision = this.gate(request, {
      bookId: this.bookId,
      actor,
      bracketRole: row.bracket_role,
      resumed,
    });
    if (!decision.approved) {
      this.changeState(clientOrderId, 'REJECTED', `gate: ${decision.reason}`, actor);
      return;
    }
    row = this.changeState(clientOrderId, 'SUBMITTED', null, actor);
    this.probe('exec.submitted.before-send');
    this.sending.add(clientOrderId);
    try {
      await this.submitWithRetries(row, actor);
    } finally {
      this.sending.delete(clientOrderId);
    }
  }

  /** The submit call itself: retried (same id) only when it definitely never left. */
  private async submitWithRetries(row: OrderRow, actor: string): Promise<void> {
    const clientOrderId = row.client_order_id;
    const max = this.options.maxSendAttempts ?? 4;
    for (let attempt = 1; ; attempt += 1) {
      this.orders.bumpAttempts(row);
      try {
        const ack = await this.venue(this.options.broker.submit(toSubmitRequest(row)), 'submit');
        this.probe('exec.ack.received');
        this.applyVenueOrder(ack, actor);
        // A cancel asked for while the submit was in flight (e.g. a kill) could not reach an
        // order the venue did not have yet: now that it has it, cancel it (same client id).
        const live = ack.status === 'OPEN' || ack.status === 'PARTIALLY_FILLED';
        if (live && this.orders.require(clientOrderId).state === 'CANCEL_PENDING') {
          await this.cancel(clientOrderId, actor);
        }
        return;
      } catch (error) {
        if (error instanceof ExecutorStoppedError) throw error;
        if (error instanceof VenueRejectError) {
          if (error instanceof BrokerDuplicateIdError) {
            // The venue already has this id: an earlier attempt did arrive. Ask, do not send.
            await this.resolveByQuery(clientOrderId, actor);
          } else if (isFinalState(this.orders.require(clientOrderId).state)) {
            this.anomaly(clientOrderId, actor, `late reject: ${error.message}`);
          } else {
            this.changeState(clientOrderId, 'REJECTED', error.message, actor);
          }
          return;
        }
        if (error instanceof BrokerNotSentError && attempt < max) {
          const backoff = (this.options.baseBackoffMs ?? 200) * 2 ** (attempt - 1);
          await this.sleep(backoff * (0.5 + this.random() / 2));
          continue;
        }
        if (error instanceof BrokerNotSentError) {
          if (isFinalState(this.orders.require(clientOrderId).state)) return;
          this.changeState(
            clientOrderId,
            'EXPIRED',
            `never reached the venue: ${error.message}`,
            actor,
          );
          return;
        }
        this.options.audit.append({
          kind: 'order.unknown-outcome',
          actor,
          payload: { clientOrderId, error: error instanceof Error ? error.message : String(error) },
        });
        await this.resolveByQuery(clientOrderId, actor);
        return;
      }
    }
  }

  /** Asks the venue about one client id: its fills first, then its status. Never sends. */
  private async resolveByQuery(
    clientOrderId: string,
    actor: string,
    flag?: typeof CANCEL_REFUSED,
  ): Promise<void> {
    const answer = await this.venue(this.query(clientOrderId), 'an order query');
    if (answer === null) return; // still unclear; the next reconcile asks again
    for (const fill of answer.fills) this.applyFill(fill);
    this.settle(clientOrderId, answer.venue, actor, flag);
  }

  /** The venue's record and fills for one client id; null when the venue could not answer. */
  private async query(clientOrderId: string): Promise<VenueAnswer | null> {
    try {
      const { symbol } = this.orders.require(clientOrderId);
      const venue = await this.options.broker.fetchOrder(clientOrderId, symbol);
      const fills =
        venue === null ? [] : await this.options.broker.fetchFills(clientOrderId, symbol);
      return { venue, fills };
    } catch (error) {
      if (this.stopped) throw new ExecutorStoppedError('an order query');
      this.reportError(error);
      return null;
    }
  }

  /** Applies a venue answer's status; an order the venue never saw expires after the grace. */
  private settle(
    clientOrderId: string,
    venue: VenueOrder | null,
    actor: string,
    flag?: typeof CANCEL_REFUSED,
  ): void {
    if (venue !== null) {
      this.applyVenueOrder(venue, actor, flag);
      return;
    }
    const row = this.orders.require(clientOrderId);
    const grace = this.options.unknownGraceMs ?? 30_000;
    // While our submit call is still waiting, the venue may simply not have it yet.
    if (this.sending.has(clientOrderId)) return;
    if (this.options.clock.now() - row.updated_at < grace) return;
    if (row.state === 'SUBMITTED') {
      this.changeState(
        clientOrderId,
        'EXPIRED',
        'the venue has no record of it; it never arrived',
        actor,
      );
    } else if (row.state === 'CANCEL_PENDING' && qtyOf(row.filled_qty, 'filled') === 0n) {
      this.changeState(clientOrderId, 'EXPIRED', 'the venue has no record of it', actor);
    }
  }

  /** Applies the venue's view of an order's status (never moves backwards, never skips fills). */
  private applyVenueOrder(venue: VenueOrder, actor: string, flag?: typeof CANCEL_REFUSED): void {
    const row = this.orders.byClientId(venue.clientOrderId);
    if (row === undefined || row.book_id !== this.bookId) return; // not ours; reported by reconcile
    if (isFinalState(row.state)) {
      if (row.state !== venue.status) {
        this.anomaly(row.client_order_id, actor, `local ${row.state}, venue ${venue.status}`);
      }
      return;
    }
    const venueFilled = qtyOf(venue.filledQty, 'venue filled qty');
    if (venueFilled > qtyOf(row.filled_qty, 'filled qty')) {
      // The venue reports fills we have not recorded: fetch them before moving the status.
      this.track(this.resolveByQuery(row.client_order_id, actor, flag));
      return;
    }
    const target = nextLocalState(row.state, venue.status, flag === CANCEL_REFUSED);
    if (target === null) return;
    // A cancel we asked for with a reason keeps it: the venue only says "canceled".
    const asked = target === 'CANCELED' && row.state === 'CANCEL_PENDING' ? row.reason : null;
    this.changeState(row.client_order_id, target, asked ?? venue.reason, actor, venue.venueOrderId);
  }

  /** Records one fill exactly once, with the order's totals and state, in one transaction. */
  private applyFill(fill: VenueFill): void {
    let recorded: FillView | null = null;
    const exits: string[] = [];
    this.options.db.transaction(() => {
      const result = this.options.ledger.recordFill({ ...fill, bookId: this.bookId });
      if (result.duplicate) return;
      recorded = result.fill;
      const row = this.orders.byClientId(fill.clientOrderId);
      this.options.audit.append({
        kind: 'order.fill',
        actor: 'venue',
        payload: { bookId: this.bookId, ...fill, known: row !== undefined },
      });
      if (row === undefined) return; // a fill for an order we never placed: booked and audited
      const updated = this.orders.addFill(row, fill.qty, fill.price);
      const complete = qtyOf(updated.filled_qty, 'filled') === qtyOf(updated.qty, 'qty');
      const target = stateAfterFill(updated.state, complete);
      if (target !== null)
        exits.push(
          ...this.changeStateInTx(
            updated.client_order_id,
            target,
            null,
            'venue',
            fill.venueOrderId,
          ),
        );
    })();
    this.probe('exec.fill.applied');
    if (recorded !== null) {
      for (const o of this.observers) o.fill?.(recorded);
      const row = this.orders.byClientId(fill.clientOrderId);
      if (row !== undefined) this.notify(row);
      // After the venue's own follow-up events for this fill (a one-cancels-other peer) have
      // been applied: whatever still works on a now flat position is canceled.
      this.track(Promise.resolve().then(() => this.cancelExitsIfFlat(fill)));
    }
    for (const cid of exits) this.track(this.send(cid, 'system:bracket', false));
  }

  /** A fill left its symbol flat: cancel the exits still working there, audited. */
  private cancelExitsIfFlat(fill: VenueFill): Promise<void> {
    return cancelExitsOfFlatPosition(
      {
        bookId: this.bookId,
        orders: this.orders,
        ledger: this.options.ledger,
        audit: this.options.audit,
        cancel: (id, actor, reason) => this.cancel(id, actor, reason),
      },
      fill,
    );
  }

  private changeState(
    clientOrderId: string,
    to: OrderState,
    reason: string | null,
    actor: string,
    venueOrderId: string | null = null,
  ): OrderRow {
    const exits = this.options.db.transaction(() =>
      this.changeStateInTx(clientOrderId, to, reason, actor, venueOrderId),
    )();
    const row = this.orders.require(clientOrderId);
    this.notify(row);
    for (const cid of exits) this.track(this.send(cid, 'system:bracket', false));
    return row;
  }

  /** State change plus, for a finished bracket entry with fills, its exit intents. */
  private changeStateInTx(
    clientOrderId: string,
    to: OrderState,
    reason: string | null,
    actor: string,
    venueOrderId: string | null,
  ): string[] {
    const row = this.orders.setState(clientOrderId, to, reason, actor, venueOrderId);
    return writeBracketExits(this.orders, row, (entry) => this.heldAfterFees(entry));
  }

  /**
   * What a filled entry left in the account: its filled quantity less what the venue took in
   * the base asset as fees (Binance charges a buy's fee in what it bought), floored to the
   * market's step so the exit is a quantity the venue accepts.
   */
  private heldAfterFees(entry: OrderRow): string {
    const [base] = entry.symbol.split('/');
    let held = qtyOf(entry.filled_qty, 'filled');
    if (entry.side === 'buy') {
      for (const fill of this.options.ledger.fillsOfOrder(this.bookId, entry.client_order_id)) {
        if (fill.feeAsset === base) held -= qtyOf(fill.fee, 'base fee');
      }
    }
    const step = this.options.broker.markets().find((m) => m.symbol === entry.symbol)?.stepSize;
    if (step !== undefined) {
      const unit = qtyOf(step, 'step');
      if (unit > 0n) held -= held % unit;
    }
    return qtyText(held);
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
