import type { Exchange } from 'ccxt';
import { apiOriginProblem, normalizeApiOrigin } from '../../../src-shared/domain/connection';
import { loadCcxt } from './load-ccxt';

export interface CcxtExchangeOptions {
  /** Request timeout in milliseconds (ccxt's own default is 10 s). */
  readonly timeoutMs?: number;
  /** Milliseconds between requests for ccxt's rate limiter (tests lower it; default ccxt's). */
  readonly rateLimitMs?: number;
  /**
   * Sends every REST and websocket call to this origin instead of the exchange (local test
   * exchanges, gateways on this machine). Every `urls.api` entry is rewritten, keeping its
   * path. Loopback addresses only: anything else is refused here as well as at entry.
   */
  readonly apiOrigin?: string;
  /** Use ccxt's pro (websocket) class when the exchange has one. */
  readonly websocket?: boolean;
  /** API credentials, for private endpoints (the permission check); never logged. */
  readonly credentials?: ExchangeCredentials;
}

/** What ccxt needs to sign requests. `password` is the passphrase some exchanges add (OKX). */
export interface ExchangeCredentials {
  readonly apiKey: string;
  readonly secret: string;
  readonly password?: string;
}

type ExchangeClass = new (config: Record<string, unknown>) => Exchange;

/**
 * Builds a public-data ccxt client: spot markets only (loading futures and options markets
 * costs requests and time we do not need), rate limiting on, and a response check that turns
 * a body that is not valid JSON into ccxt's BadResponse instead of letting ccxt hand the raw
 * text to its parsers (which would quietly return an empty candle list). Loads ccxt on first
 * use (see load-ccxt.ts).
 */
export async function createCcxtExchange(
  id: string,
  options: CcxtExchangeOptions = {},
): Promise<Exchange> {
  const ccxt = await loadCcxt();
  const classes = ccxt as unknown as Record<string, ExchangeClass | undefined>;
  const proClasses = ccxt.pro as unknown as Record<string, ExchangeClass | undefined>;
  const rest = Object.hasOwn(ccxt.exchanges, id) ? classes[id] : undefined;
  const pro =
    options.websocket === true && Object.hasOwn(ccxt.pro, id) ? proClasses[id] : undefined;
  const ExchangeCtor = pro ?? rest;
  if (ExchangeCtor === undefined) throw new Error(`ccxt has no exchange '${id}'`);
  const problem = options.apiOrigin === undefined ? null : apiOriginProblem(options.apiOrigin);
  if (problem !== null) throw new Error(`${id}: ${problem}`);
  const exchange = new ExchangeCtor({
    enableRateLimit: true,
    timeout: options.timeoutMs ?? 10_000,
    ...(options.rateLimitMs === undefined ? {} : { rateLimit: options.rateLimitMs }),
    ...(options.credentials === undefined ? {} : { ...options.credentials }),
  });
  restrictToSpot(exchange);
  if (options.apiOrigin !== undefined) {
    const origin = normalizeApiOrigin(options.apiOrigin);
    rewriteApiUrls(exchange.urls.api, origin);
    // ccxt only opens plain ws:// (a local exchange; real ones are wss://) with an http agent.
    // node:http loads here, not with this module: engines that never reach an exchange (a
    // backtest's, a replay's) do not pay for it at start.
    if (origin.startsWith('http://')) {
      const { Agent } = await import('node:http');
      exchange.httpAgent = new Agent();
    }
  }
  const original = exchange.onRestResponse.bind(exchange);
  exchange.onRestResponse = (status, statusText, url, method, headers, body, ...rest): unknown => {
    const text = original(status, statusText, url, method, headers, body, ...rest) as string;
    if (typeof status === 'number' && status >= 200 && status < 300 && !isJson(text)) {
      throw new ccxt.BadResponse(
        `${id} ${method} ${url}: response is not valid JSON (${text.length} bytes)`,
      );
    }
    return text;
  };
  return exchange;
}

/** Capability table, thin: how each exchange family is told to load spot markets only. */
function restrictToSpot(exchange: Exchange): void {
  const opts = exchange.options as Record<string, unknown>;
  const fetchMarkets = opts['fetchMarkets'];
  if (Array.isArray(fetchMarkets)) opts['fetchMarkets'] = ['spot'];
  else if (typeof fetchMarkets === 'object' && fetchMarkets !== null && 'types' in fetchMarkets) {
    opts['fetchMarkets'] = { ...fetchMarkets, types: ['spot'] };
  }
  opts['defaultType'] = 'spot';
  // Binance's currency list needs API keys and is not needed for public candles; with keys,
  // it would also load margin pairs, which spot trading never uses.
  opts['fetchCurrencies'] = false;
  opts['fetchMargins'] = false;
}

/**
 * Replaces scheme and authority of every API URL, keeping the path. ccxt writes some hosts as
 * templates (`https://{hostname}`, `https://api.{hostname}`), so this works on the text, not
 * on a parsed URL.
 */
function rewriteApiUrls(node: Record<string, unknown>, origin: string): void {
  for (const [key, value] of Object.entries(node)) {
    const match = typeof value === 'string' ? /^(https?|wss?):\/\/[^/?#]*(.*)$/.exec(value) : null;
    if (match !== null) {
      const base = (match[1] ?? '').startsWith('ws') ? origin.replace(/^http/, 'ws') : origin;
      const path = match[2] ?? '';
      node[key] = `${base}${path === '/' ? '' : path}`;
    } else if (typeof value === 'object' && value !== null) {
      rewriteApiUrls(value as Record<string, unknown>, origin);
    }
  }
}

function isJson(text: string): boolean {
  if (text === '') return true; // empty bodies are handled by ccxt's own status checks
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
