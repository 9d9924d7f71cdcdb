import type { OHLCV } from 'ccxt';
import type { Candle } from '../../../src-shared/domain/candle';
import { loadedCcxt, type CcxtModule } from './load-ccxt';

/** How a failed exchange call should be treated by a feed. */
export interface FeedErrorClass {
  /** Transient (network, rate limit, 5xx, bad body): retry with backoff. */
  readonly retryable: boolean;
  /** Back off at least this long (rate limits and bans). */
  readonly minDelayMs: number;
  /** Go straight to DOWN instead of CONNECTING. */
  readonly down: boolean;
  readonly reason: string;
}

/** Bad data from the exchange: refused loudly, never passed on, not retried quickly. */
export class FeedDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedDataError';
  }
}

/**
 * Maps ccxt's error hierarchy (and raw socket errors from Node's fetch, which ccxt lets
 * through) onto retry policy. Binance answers 429 when rate limited and 418 when the IP is
 * banned for ignoring 429s; a ban must back off far longer than a blip. ccxt's error classes
 * are read from the loaded module: every ccxt client is built through loadCcxt(), so an error
 * that is an instance of them cannot exist before it has loaded.
 */
export function classifyFeedError(error: unknown, banBackoffMs: number): FeedErrorClass {
  const ccxt = loadedCcxt();
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof FeedDataError) {
    return { retryable: false, minDelayMs: 0, down: true, reason: `bad data: ${message}` };
  }
  const short = message.length > 200 ? `${message.slice(0, 200)}...` : message;
  if (ccxt !== undefined) {
    const known = classifyCcxtError(ccxt, error, message, short, banBackoffMs);
    if (known !== undefined) return known;
  }
  if (isSocketError(error)) {
    return { retryable: true, minDelayMs: 0, down: false, reason: `connection lost: ${short}` };
  }
  return {
    retryable: false,
    minDelayMs: 0,
    down: true,
    reason: `${error instanceof Error ? error.name : 'error'}: ${short}`,
  };
}

function classifyCcxtError(
  ccxt: CcxtModule,
  error: unknown,
  message: string,
  short: string,
  banBackoffMs: number,
): FeedErrorClass | undefined {
  if (error instanceof ccxt.DDoSProtection || error instanceof ccxt.RateLimitExceeded) {
    if (/\b418\b/.test(message)) {
      return {
        retryable: true,
        minDelayMs: banBackoffMs,
        down: true,
        reason: `IP banned by the exchange (418): ${short}`,
      };
    }
    return { retryable: true, minDelayMs: 0, down: false, reason: `rate limited (429): ${short}` };
  }
  if (error instanceof ccxt.RequestTimeout) {
    return { retryable: true, minDelayMs: 0, down: false, reason: `request timed out: ${short}` };
  }
  if (error instanceof ccxt.ExchangeNotAvailable) {
    return {
      retryable: true,
      minDelayMs: 0,
      down: false,
      reason: `exchange unavailable: ${short}`,
    };
  }
  if (error instanceof ccxt.NetworkError || error instanceof ccxt.BadResponse) {
    return {
      retryable: true,
      minDelayMs: 0,
      down: false,
      reason: `${(error as Error).name}: ${short}`,
    };
  }
  return undefined;
}

/** The exchange refused a symbol (ccxt BadSymbol: unknown, delisted or renamed market). */
export function isBadSymbol(error: unknown): boolean {
  const ccxt = loadedCcxt();
  return ccxt !== undefined && error instanceof ccxt.BadSymbol;
}

/** Node's fetch (undici) reports dropped connections as its own errors, not ccxt's. */
function isSocketError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  const causeCode = (error.cause as { code?: unknown } | undefined)?.code;
  const codes = [code, causeCode].filter((c): c is string => typeof c === 'string');
  return (
    codes.some((c) => c.startsWith('UND_ERR') || c.startsWith('ECONN') || c === 'EPIPE') ||
    error.name === 'SocketError' ||
    (error instanceof TypeError && error.message === 'fetch failed')
  );
}

/** Exponential backoff with jitter: base * 2^(attempt-1), capped, scaled into [50%, 100%]. */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number,
): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.5 + 0.5 * random()));
}

/** Checks the shape of ccxt OHLCV rows; any bad row refuses the whole response, naming it. */
export function ohlcvToCandles(label: string, rows: OHLCV[]): Candle[] {
  if (!Array.isArray(rows)) throw new FeedDataError(`${label}: fetchOHLCV did not return a list`);
  return rows.map((row, i) => {
    const [openTime, open, high, low, close, volume] = Array.isArray(row) ? row : [];
    const values = [openTime, open, high, low, close, volume];
    if (!values.every((v) => typeof v === 'number')) {
      throw new FeedDataError(`${label}: row ${i} is not six numbers: ${JSON.stringify(row)}`);
    }
    return { openTime, open, high, low, close, volume } as Candle;
  });
}
