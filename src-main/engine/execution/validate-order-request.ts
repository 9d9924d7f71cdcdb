import type { OrderRequest } from '../../../src-shared/domain/order';
import { priceOf, qtyOf } from '../ledger/money';

/**
 * Checks an order request's shape before an intent is written: required prices per type,
 * positive values, and a bracket whose stop and target sit on the right sides. Precision and
 * exchange limits are the venue's to judge (it answers in its own words).
 */
export function validateOrderRequest(req: OrderRequest): OrderRequest {
  const fail = (field: string, message: string): never => {
    throw new Error(`order request: ${field}: ${message}`);
  };
  if (qtyOf(req.qty, 'order request: qty') <= 0n) fail('qty', 'must be positive');
  const needsPrice = req.type === 'limit' || req.type === 'stop-limit';
  const needsStop = req.type === 'stop-market' || req.type === 'stop-limit';
  if (needsPrice && req.price === undefined) fail('price', `required for a ${req.type} order`);
  if (!needsPrice && req.price !== undefined) fail('price', `not allowed on a ${req.type} order`);
  if (needsStop && req.stopPrice === undefined)
    fail('stopPrice', `required for a ${req.type} order`);
  if (!needsStop && req.stopPrice !== undefined)
    fail('stopPrice', `not allowed on a ${req.type} order`);
  if (req.price !== undefined && priceOf(req.price, 'order request: price') <= 0n)
    fail('price', 'must be positive');
  if (req.stopPrice !== undefined && priceOf(req.stopPrice, 'order request: stopPrice') <= 0n)
    fail('stopPrice', 'must be positive');
  if (req.bracket !== undefined) {
    if (req.reduceOnly) fail('bracket', 'a bracket entry cannot be reduce-only');
    const stop = priceOf(req.bracket.stopLoss, 'order request: bracket.stopLoss');
    const target = priceOf(req.bracket.takeProfit, 'order request: bracket.takeProfit');
    const long = req.side === 'buy';
    if (long ? stop >= target : stop <= target) {
      fail(
        'bracket',
        `stop-loss must be ${long ? 'below' : 'above'} take-profit for a ${req.side} entry`,
      );
    }
    const ref = req.price ?? req.stopPrice;
    if (ref !== undefined) {
      const p = priceOf(ref, 'order request: price');
      if (long ? !(stop < p && p < target) : !(target < p && p < stop)) {
        fail('bracket', 'entry price must lie between stop-loss and take-profit');
      }
    }
  }
  return req;
}
