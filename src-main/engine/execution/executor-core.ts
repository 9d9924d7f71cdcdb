import type { Database } from 'better-sqlite3';
import type { BookId, FillView, OrderState, OrderView } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Ledger } from '../ledger/ledger';
import type { Broker, VenueFill, VenueOrder } from './broker';
import type { OrderGate } from './order-gate';
import type { OrderRow, OrderStore } from './order-store';
import type { VenueAnswer } from './reconcile-orders';

/** Marks a venue answer to a cancel the venue refused (the order was no longer there). */
export const CANCEL_REFUSED = Symbol('cancel-refused');
export type CancelRefused = typeof CANCEL_REFUSED;

/**
 * What the executor's paths (intake, submit, cancel, venue answers, fill booking) share: the
 * book's stores and venue, and the few steps each path hands to another. One object per
 * executor, built by Executor; the paths are functions over it so each stays readable alone.
 */
export interface ExecutorCore {
  readonly db: Database;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly broker: Broker;
  readonly ledger: Ledger;
  readonly orders: OrderStore;
  readonly bookId: BookId;
  readonly gate: () => OrderGate;
  readonly probe: (point: string) => void;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly maxSendAttempts: number;
  readonly baseBackoffMs: number;
  readonly unknownGraceMs: number;
  /** Client ids whose submit call has not returned yet: never expired while we still wait. */
  readonly sending: Set<string>;
  /** Client ids whose missing fills are being fetched (one query at a time per order). */
  readonly chasingFills: Set<string>;
  readonly stopped: () => boolean;
  /** Awaits a venue call; after stop() its answer or error becomes ExecutorStoppedError. */
  venue<T>(call: Promise<T>, what: string): Promise<T>;
  changeState(
    clientOrderId: string,
    to: OrderState,
    reason: string | null,
    actor: string,
    venueOrderId?: string | null,
  ): OrderRow;
  /** State change inside the caller's transaction; returns the bracket exits it wrote. */
  changeStateInTx(
    clientOrderId: string,
    to: OrderState,
    reason: string | null,
    actor: string,
    venueOrderId: string | null,
  ): string[];
  send(clientOrderId: string, actor: string, resumed: boolean): Promise<void>;
  cancel(clientOrderId: string, actor: string, reason?: string | null): Promise<OrderView>;
  query(clientOrderId: string): Promise<VenueAnswer | null>;
  resolveByQuery(clientOrderId: string, actor: string, flag?: CancelRefused): Promise<void>;
  settle(
    clientOrderId: string,
    venue: VenueOrder | null,
    actor: string,
    flag?: CancelRefused,
  ): void;
  applyVenueOrder(venue: VenueOrder, actor: string, flag?: CancelRefused): void;
  applyFill(fill: VenueFill): void;
  anomaly(clientOrderId: string, actor: string, detail: string): void;
  notify(row: OrderRow): void;
  /** An order recorded as never placed turned up at the venue (see late-arrival.ts). */
  lateArrival(row: OrderRow): void;
  notifyFill(fill: FillView): void;
  track(promise: Promise<unknown>): void;
  reportError(error: unknown): void;
}
