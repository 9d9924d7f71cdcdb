import { InvalidInputError } from '../../../src-shared/contract/command-refusal';
import type { OrderRequest } from '../../../src-shared/domain/order';
import { priceOf, qtyOf } from '../ledger/money';

/**
 * Checks an order request's shape before an intent is written: required prices per type,
 * positive values, and a bracket whose stop and target sit on the right sides. Precision and
 * exchange limits are the venue's to judge (it answers in its own words). A problem is the
 * caller's: InvalidInputError naming the field. (Digits and magnitude are bounded by the
 * schema already, so the ledger can always hold the values.)
 */
export function validateOrderRequest(req: OrderRequest): OrderRequest {
  const fail = (field: string, message: string): never => {
    throw new InvalidInputError('order request', [{ path: field, message }]);
  };
  if (qtyOf(req.qty, 'qty') <= 0n) fail('qty', 'must be positive');
  const needsPrice = req.type === 'limit' || req.type === 'stop-limit';
  const needsStop = req.type === 'stop-market' || req.type === 'stop-limit';
  if (needsPrice && req.price === undefined) fail('price', `required for a ${req.type} order`);
  if (!needsPrice && req.price !== undefined) fail('price', `not allowed on a ${req.type} order`);
  if (needsStop && req.stopPrice === undefined)
    fail('stopPrice', `required for a ${req.type} order`);
  if (!needsStop && req.stopPrice !== undefined)
    fail('stopPrice', `not allowed on a ${req.type} order`);
  if (req.price !== undefined && priceOf(req.price, 'price') <= 0n)
    fail('price', 'must be positive');
  if (req.stopPrice !== undefined && priceOf(req.stopPrice, 'stopPrice') <= 0n)
    fail('stopPrice', 'must be positive');
  if (req.bracket !== undefined) {
    if (req.reduceOnly) fail('bracket', 'a bracket entry cannot be reduce-only');
    const stop = priceOf(req.bracket.stopLoss, 'bracket.stopLoss');
    const target = priceOf(req.bracket.takeProfit, 'bracket.takeProfit');
    const long = req.side === 'buy';
    if (long ? stop >= target : stop <= target) {
      fail(
        'bracket',
        `stop-loss must be ${long ? 'below' : 'above'} take-profit for a ${req.side} entry`,
      );
    }
    const ref = req.price ?? req.stopPrice;
    if (ref !== undefined) {
      const p = priceOf(ref, 'price');
      if (long ? !(stop < p && p < target) : !(target < p && p < stop)) {
        fail('bracket', 'entry price must lie between stop-loss and take-profit');
      }
    }
  }
  return req;
}
