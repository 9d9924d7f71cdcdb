import type { BookId, BracketRole, OrderRequest } from '../../../src-shared/domain/order';

/** What the gate is told about an order besides the request itself. */
export interface GateContext {
  readonly bookId: BookId;
  readonly actor: string;
  /** Set for bracket exits (protective orders the gate may treat differently). */
  readonly bracketRole: BracketRole | null;
  /** True when re-checking an intent written before a restart. */
  readonly resumed: boolean;
  /**
   * The order's own client id when its written INTENT is re-checked before the send: the
   * gate must not count the order among the book's working entries (it would judge it twice).
   */
  readonly clientOrderId?: string;
}

export type GateDecision =
  { readonly approved: true } | { readonly approved: false; readonly reason: string };

/**
 * The risk gate and kill switch plug in here. Synchronous on purpose: the executor asks it
 * immediately before writing an intent and again immediately before sending, with no await
 * in between, so a kill latched at any instant stops the next send.
 */
export type OrderGate = (request: OrderRequest, context: GateContext) => GateDecision;

export const approveAll: OrderGate = () => ({ approved: true });
