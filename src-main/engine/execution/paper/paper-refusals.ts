import { formatScaled, rescale } from '../../../../src-shared/domain/decimal';
import { MONEY_SCALE } from '../../ledger/money';
import type { SubmitRequest } from '../broker';
import type { ExchangeReject, MarketRules } from '../market-rules';

/**
 * The paper venue's refusals for its account and order state, in a trader's words with the
 * figures (what was asked, what the account holds). No exchange code: the paper venue is not
 * an exchange, and a code would only send the trader to Binance's documentation. Live brokers
 * pass the exchange's own codes through untouched.
 */

/** Amounts are shown to 8 places at most: what is needed rounded up, what is held down. */
const SHOWN_PLACES = 8;

function money(v: bigint, round: 'floor' | 'ceil'): string {
  return formatScaled(rescale(v, MONEY_SCALE, SHOWN_PLACES, round), SHOWN_PLACES);
}

function refusal(msg: string): ExchangeReject {
  return { code: null, msg };
}

/** Identity matters: the broker answers this one as a duplicate client id (look it up, never resend). */
export const DUPLICATE_ORDER = refusal(
  'an order with this client id is already on the paper venue; the first one stands',
);

export function unknownOrderRefusal(clientOrderId: string, status: string | null): ExchangeReject {
  return refusal(
    status === null
      ? `no order ${clientOrderId} on the paper venue to cancel`
      : `order ${clientOrderId} is ${status.toLowerCase().replace('_', ' ')}, not open: nothing to cancel`,
  );
}

export function unknownSymbolRefusal(symbol: string): ExchangeReject {
  return refusal(`${symbol} is not a market on the paper venue`);
}

export function missingParamRefusal(req: SubmitRequest): ExchangeReject {
  const needsPrice = req.type === 'limit' || req.type === 'stop-limit';
  const needsStop = req.type === 'stop-market' || req.type === 'stop-limit';
  const wrong: string[] = [];
  if (needsPrice && req.price === null) wrong.push('needs a limit price');
  if (!needsPrice && req.price !== null) wrong.push(`takes no limit price (got ${req.price})`);
  if (needsStop && req.stopPrice === null) wrong.push('needs a stop price');
  if (!needsStop && req.stopPrice !== null)
    wrong.push(`takes no stop price (got ${req.stopPrice})`);
  return refusal(`a ${req.type} order ${wrong.join(' and ')}`);
}

export function noMarketPriceRefusal(req: SubmitRequest): ExchangeReject {
  return refusal(
    `no price yet for ${req.symbol}: a ${req.type} ${req.side} of ${req.qty} cannot be valued until the first bar or quote arrives`,
  );
}

export function reduceOnlyRefusal(
  req: SubmitRequest,
  rules: MarketRules,
  position: bigint,
): ExchangeReject {
  const held =
    position === 0n
      ? 'there is no position'
      : `the position is ${rules.qtyText(position < 0n ? -position : position)} ${position < 0n ? 'short' : 'long'}`;
  return refusal(
    `a reduce-only ${req.side} of ${req.qty} ${req.symbol} would not reduce the position: ${held}`,
  );
}

export function marginNotEnabledRefusal(symbol: string): ExchangeReject {
  return refusal(
    `${symbol} is a perpetual: the paper account is spot only (reset the paper account with margin to trade it)`,
  );
}

/** What an order needs free in one asset, against what the account has free. */
export function insufficientRefusal(
  req: SubmitRequest,
  need: { readonly amount: bigint; readonly asset: string; readonly what?: string },
  free: bigint,
): ExchangeReject {
  const doing = req.side === 'buy' ? 'buying' : 'selling';
  const what = need.what === undefined ? '' : ` ${need.what}`;
  return refusal(
    `${doing} ${req.qty} ${req.symbol} needs ${money(need.amount, 'ceil')} ${need.asset}${what}, the account has ${money(free > 0n ? free : 0n, 'floor')} ${need.asset} free`,
  );
}
