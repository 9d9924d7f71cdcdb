import type { BookId, OrderRequest } from '../../../src-shared/domain/order';
import type { GateContext, GateDecision, OrderGate } from '../execution/order-gate';
import type { BookSnapshot, RiskGuard } from './risk-guard';
import type { RuleReport } from '../../../src-shared/contract/plans';
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
  /**
   * The order's book (GateContext.bookId), valued at mark, without the working order
   * `excluding` (the order being judged, when its intent is already written).
   */
  readonly book: (bookId: BookId, excluding?: string) => BookSnapshot;
  /** Current mark price, or null when there is none (the order is then refused). */
  readonly mark: (symbol: string) => number | null;
  /**
   * Value of one unit of a quote currency in the book's currency (1 for its own), or null
   * when no market links them (the order is then refused).
   */
  readonly rate: (quote: string) => number | null;
}

/** The gate's view of a request: an OrderCandidate and the book, or why it cannot be valued. */
type Judged =
  | { readonly ok: true; readonly candidate: OrderCandidate; readonly book: BookSnapshot }
  | { readonly ok: false; readonly reason: string };

/**
 * Prices are the order's own limit (or stop) price, and the current mark for market orders —
 * never an estimate; without a mark the order is refused, since its exposure could not be
 * valued. The one conversion both the gate and its dry run use.
 */
function judged(deps: RiskOrderGateDeps, request: OrderRequest, context: GateContext): Judged {
  const mark = deps.mark(request.symbol);
  const limit = request.price ?? request.stopPrice;
  const price = limit !== undefined ? Number(limit) : mark;
  if (price === null || !Number.isFinite(price) || price <= 0)
    return { ok: false, reason: `no mark price for ${request.symbol}; exposure cannot be valued` };
  // The gate judges in the book's currency: ETH/BTC prices through BTC's rate.
  const quote = request.symbol.slice(request.symbol.indexOf('/') + 1);
  const rate = deps.rate(quote);
  if (rate === null || !Number.isFinite(rate) || rate <= 0)
    return {
      ok: false,
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
  try {
    return { ok: true, candidate, book: deps.book(context.bookId, context.clientOrderId) };
  } catch (error) {
    // A book that cannot be valued at mark refuses every order rather than guessing.
    return { ok: false, reason: `book: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The executor's OrderGate backed by the risk guard. */
export function riskOrderGate(deps: RiskOrderGateDeps): OrderGate {
  return (request: OrderRequest, context: GateContext): GateDecision => {
    // The kill switch's own closing orders are excepted from the gate (they only shrink risk,
    // and must not depend on marks or limits while everything else is stopped).
    if (request.reduceOnly && sourceOf(context.actor, context) === 'kill')
      return { approved: true };
    const judgement = judged(deps, request, context);
    if (!judgement.ok) return { approved: false, reason: judgement.reason };
    const verdict = deps.guard.check(judgement.candidate, judgement.book);
    return verdict.ok
      ? { approved: true }
      : { approved: false, reason: `${verdict.rule}: ${verdict.reason}` };
  };
}

/** Every rule's verdict on a request the gate has not been asked yet (a plan's preview). */
export type OrderEvaluator = (request: OrderRequest, context: GateContext) => RuleReport[];

/** The gate's dry run over the same conversion and rules; records nothing. */
export function riskOrderEvaluator(deps: RiskOrderGateDeps): OrderEvaluator {
  return (request, context) => {
    const judgement = judged(deps, request, context);
    if (!judgement.ok)
      return [{ rule: 'valuation', ok: false, reason: judgement.reason, numbers: {} }];
    return deps.guard.evaluate(judgement.candidate, judgement.book);
  };
}
