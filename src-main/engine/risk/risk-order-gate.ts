import type { BookId, OrderRequest } from '../../../src-shared/domain/order';
import type { GateContext, GateDecision, OrderGate } from '../execution/order-gate';
import type { BookSnapshot, RiskGuard } from './risk-guard';
import type { OrderCandidate, OrderSource } from './risk-types';

/** Which source an executor actor is, for the control-mode rule. */
export function sourceOf(actor: string, context: GateContext): OrderSource {
  if (actor.startsWith('system:kill')) return 'kill';
  if (context.bracketRole === 'stop-loss' || context.bracketRole === 'take-profit')
    return 'protective';
  // Stops the sleep/wake guard places for positions left without one.
  if (actor.startsWith('system:power')) return 'protective';
  if (actor.startsWith('autopilot') || actor.startsWith('system:autopilot')) return 'autopilot';
  if (actor.includes('cli')) return 'cli';
  return 'ui';
}

export interface RiskOrderGateDeps {
  readonly guard: RiskGuard;
  /** The order's book (GateContext.bookId), valued at mark. */
  readonly book: (bookId: BookId) => BookSnapshot;
  /** Current mark price, or null when there is none (the order is then refused). */
  readonly mark: (symbol: string) => number | null;
  /**
   * Value of one unit of a quote currency in the book's currency (1 for its own), or null
   * when no market links them (the order is then refused).
   */
  readonly rate: (quote: string) => number | null;
}

/**
 * The executor's OrderGate backed by the risk guard. Prices are the order's own limit (or
 * stop) price, and the current mark for market orders — never an estimate; without a mark the
 * order is refused, since its exposure could not be valued.
 */
export function riskOrderGate(deps: RiskOrderGateDeps): OrderGate {
  return (request: OrderRequest, context: GateContext): GateDecision => {
    // The kill switch's own closing orders are excepted from the gate (they only shrink risk,
    // and must not depend on marks or limits while everything else is stopped).
    if (request.reduceOnly && sourceOf(context.actor, context) === 'kill')
      return { approved: true };
    const mark = deps.mark(request.symbol);
    const limit = request.price ?? request.stopPrice;
    const price = limit !== undefined ? Number(limit) : mark;
    if (price === null || !Number.isFinite(price) || price <= 0)
      return {
        approved: false,
        reason: `no mark price for ${request.symbol}; exposure cannot be valued`,
      };
    // The gate judges in the book's currency: ETH/BTC prices through BTC's rate.
    const quote = request.symbol.slice(request.symbol.indexOf('/') + 1);
    const rate = deps.rate(quote);
    if (rate === null || !Number.isFinite(rate) || rate <= 0)
      return {
        approved: false,
        reason: `no ${quote} rate for ${request.symbol}; exposure cannot be valued`,
      };
    const stop = request.bracket?.stopLoss;
    const candidate: OrderCandidate = {
      symbol: request.symbol,
      side: request.side,
      qty: Number(request.qty),
      price: price * rate,
      ...(stop !== undefined ? { stopPrice: Number(stop) * rate } : {}),
      reduceOnly: request.reduceOnly,
      source: sourceOf(context.actor, context),
    };
    let book;
    try {
      book = deps.book(context.bookId);
    } catch (error) {
      // A book that cannot be valued at mark refuses every order rather than guessing.
      return {
        approved: false,
        reason: `book: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    const verdict = deps.guard.check(candidate, book);
    return verdict.ok
      ? { approved: true }
      : { approved: false, reason: `${verdict.rule}: ${verdict.reason}` };
  };
}
