import type { SubmitRequest, VenueOrder } from '../broker';
import type { ExchangeReject, MarketRules } from '../market-rules';
import { DUPLICATE_ORDER, unknownOrderRefusal } from './paper-refusals';
import { toVenueOrder, type PaperOrderRow, type PaperVenueStore } from './paper-venue-store';

export interface PaperOrderEntryDeps {
  readonly store: PaperVenueStore;
  readonly rules: ReadonlyMap<string, MarketRules>;
  readonly now: () => number;
  readonly latencyMs: number;
  /** The exchange's filters, in the exchange's order (paper-order-checks.ts). */
  readonly validate: (req: SubmitRequest) => ExchangeReject | null;
}

export type PaperEntryOutcome = { order: VenueOrder } | { reject: ExchangeReject };

/**
 * Validates and records a new order, as the venue's order entry does; call inside a
 * transaction. A reused client id is refused and the first order left untouched (Binance).
 */
export function acceptOrder(deps: PaperOrderEntryDeps, req: SubmitRequest): PaperEntryOutcome {
  const { store } = deps;
  const now = deps.now();
  const log = (outcome: string): void => store.log(now, 'submit', req.clientOrderId, outcome);
  if (store.order(req.clientOrderId) !== undefined) {
    log('rejected: duplicate');
    return { reject: DUPLICATE_ORDER };
  }
  const reject = deps.validate(req);
  const status = reject === null ? 'OPEN' : 'REJECTED';
  log(reject === null ? 'accepted' : `rejected: ${reject.msg}`);
  const result = store.s.insertOrder.run(
    store.accountId,
    req.clientOrderId,
    req.symbol,
    req.side,
    req.type,
    req.qty,
    req.price,
    req.stopPrice,
    req.timeInForce,
    req.reduceOnly ? 1 : 0,
    req.ocoGroup,
    status,
    now + deps.latencyMs,
    now,
    reject === null ? null : reject.msg,
  );
  if (reject !== null) return { reject };
  const row = store.order(req.clientOrderId);
  if (row === undefined || BigInt(row.seq) !== BigInt(result.lastInsertRowid)) {
    throw new Error(`paper venue: order ${req.clientOrderId} not readable after insert`);
  }
  return { order: toVenueOrder(row, deps.rules.get(req.symbol)) };
}

/** Cancels one open order, logged; an order not open is the venue's "unknown order". */
export function cancelOpenOrder(
  deps: PaperOrderEntryDeps,
  clientOrderId: string,
): PaperEntryOutcome {
  const { store } = deps;
  return store.db.transaction((): PaperEntryOutcome => {
    const row = store.order(clientOrderId);
    const now = deps.now();
    if (row === undefined || (row.status !== 'OPEN' && row.status !== 'PARTIALLY_FILLED')) {
      store.log(now, 'cancel', clientOrderId, 'rejected: unknown order');
      return { reject: unknownOrderRefusal(clientOrderId, row?.status ?? null) };
    }
    store.log(now, 'cancel', clientOrderId, 'canceled');
    return { order: closeAsCanceled(deps, row, now, 'canceled by user') };
  })();
}

/** Cancels every open order (optionally of one symbol) in one transaction. */
export function cancelAllOpenOrders(deps: PaperOrderEntryDeps, symbol?: string): VenueOrder[] {
  const { store } = deps;
  return store.db.transaction(() => {
    const now = deps.now();
    store.log(now, 'cancelAll', null, symbol ?? '*');
    return store
      .open(symbol)
      .map((row) => closeAsCanceled(deps, row, now, 'canceled with every open order (cancel all)'));
  })();
}

function closeAsCanceled(
  deps: PaperOrderEntryDeps,
  row: PaperOrderRow,
  now: number,
  reason: string,
): VenueOrder {
  const updated: PaperOrderRow = { ...row, status: 'CANCELED', updated_at: now, reason };
  deps.store.saveOrder(updated);
  return toVenueOrder(updated, deps.rules.get(row.symbol));
}
