import type { LiveTradingCapabilities } from '../../market/exchanges/exchange-capabilities';
import type { CcxtModule } from '../../market/load-ccxt';
import {
  BrokerDuplicateIdError,
  BrokerNotSentError,
  BrokerUnknownOrderError,
  BrokerUnknownOutcomeError,
  VenueRejectError,
} from '../broker-errors';

/** What a failed venue call means for the broker's caller, and for the breaker. */
export interface MappedFailure {
  readonly error: Error;
  /** The venue is struggling (network, 5xx, 429, timeout): counts against the breaker. */
  readonly venueTrouble: boolean;
  /** A rate limit: wait (with jitter) before trying again. */
  readonly rateLimited: boolean;
}

/** The exchange's own `{"code":...,"msg":...}` at the end of ccxt's message, when it is there. */
export function exchangeReject(message: string): { code: number; msg: string } | null {
  const match = /(\{[^{}]*"code"\s*:\s*-?\d+[^{}]*\})\s*$/.exec(message);
  if (match === null) return null;
  try {
    const body = JSON.parse(match[1] as string) as { code?: unknown; msg?: unknown };
    if (typeof body.code !== 'number') return null;
    return { code: body.code, msg: typeof body.msg === 'string' ? body.msg : '' };
  } catch {
    return null;
  }
}

/**
 * ccxt's error classes onto the three outcomes the executor acts on. A submit whose request
 * may have left (timeout, dropped connection, 5xx, a reply that is not JSON) is of unknown
 * outcome: resolved by looking the client id up, never by sending again. A 429/418 or a
 * timestamp refusal was not processed: safe to send again with the same id, after a wait. An
 * exchange refusal keeps the exchange's code and message; a reused client id and an unknown
 * order are told apart so the executor can look up instead of failing.
 */
export function mapCcxtError(
  ccxt: CcxtModule,
  venue: string,
  caps: LiveTradingCapabilities,
  error: unknown,
): MappedFailure {
  const message = error instanceof Error ? error.message : String(error);
  const reject = exchangeReject(message);
  const code = reject?.code ?? 0;
  const msg = reject?.msg ?? message;
  const trouble = (e: Error, rateLimited = false): MappedFailure => ({
    error: e,
    venueTrouble: true,
    rateLimited,
  });
  const refused = (e: Error): MappedFailure => ({
    error: e,
    venueTrouble: false,
    rateLimited: false,
  });
  if (error instanceof ccxt.DDoSProtection || error instanceof ccxt.RateLimitExceeded) {
    return trouble(new BrokerNotSentError(venue, `rate limited: ${msg}`), true);
  }
  if (error instanceof ccxt.InvalidNonce) {
    return trouble(new BrokerNotSentError(venue, `refused for its timestamp: ${msg}`));
  }
  if (error instanceof ccxt.DuplicateOrderId)
    return refused(new BrokerDuplicateIdError(venue, code, msg));
  if (
    reject !== null &&
    caps.duplicateId !== null &&
    reject.code === caps.duplicateId.code &&
    reject.msg === caps.duplicateId.msg
  ) {
    return refused(new BrokerDuplicateIdError(venue, code, msg));
  }
  if (error instanceof ccxt.OrderNotFound)
    return refused(new BrokerUnknownOrderError(venue, code, msg));
  if (
    error instanceof ccxt.InvalidOrder ||
    error instanceof ccxt.InsufficientFunds ||
    error instanceof ccxt.BadSymbol ||
    error instanceof ccxt.BadRequest ||
    error instanceof ccxt.OperationRejected ||
    error instanceof ccxt.AuthenticationError
  ) {
    return refused(new VenueRejectError(venue, code, msg));
  }
  if (error instanceof ccxt.NetworkError || error instanceof ccxt.BadResponse) {
    return trouble(
      new BrokerUnknownOutcomeError(venue, `${(error as Error).name}: ${short(message)}`),
    );
  }
  if (error instanceof ccxt.ExchangeError && reject !== null) {
    return refused(new VenueRejectError(venue, code, msg));
  }
  // Anything else (a socket error ccxt let through, a bug): the request may have left.
  return trouble(new BrokerUnknownOutcomeError(venue, short(message)));
}

function short(text: string): string {
  const cut = text.replace(/\?[^\s"']*/g, '?…');
  return cut.length > 300 ? `${cut.slice(0, 300)}…` : cut;
}
