import { z } from 'zod';
import { TimeframeSchema } from './candle';
import { FeedStateSchema } from './market';
import { isLoopbackAddress } from './loopback';

/** What the engine plays: the bundled replay, or the live prices of the enabled connections. */
export const MarketSourceSchema = z.enum(['replay', 'live']);
export type MarketSource = z.infer<typeof MarketSourceSchema>;

export const ConnectionNameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,31}$/,
    'a connection name is 1-32 characters of a-z, 0-9, "-" or "_", starting with a letter or digit',
  );

export const ExchangeIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]{1,31}$/, 'an exchange id is a ccxt id such as binance, okx, kraken');

/** A unified spot symbol, BASE/QUOTE in capitals (e.g. BTC/USDT). */
export const SymbolSchema = z
  .string()
  .regex(/^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}$/, 'a symbol is BASE/QUOTE in capitals, e.g. BTC/USDT');

const SUPPORTED = TimeframeSchema.options.join(', ');
export const ConnectionTimeframeSchema = z.enum(TimeframeSchema.options, {
  error: (issue) => `unsupported timeframe '${String(issue.input)}': Vigil scans ${SUPPORTED}`,
});

/**
 * Why an API origin override is refused, or null when it is acceptable. Only loopback
 * addresses (127.0.0.0/8, ::1) may stand in for an exchange: local test exchanges and
 * gateways on this machine. A name such as `localhost` is refused too, because a name can
 * resolve anywhere; any other host could read every request, keys' signatures included.
 */
export function apiOriginProblem(origin: string): string | null {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return `'${origin}' is not a URL such as http://127.0.0.1:8080`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `'${origin}' must start with http:// or https://`;
  }
  if (url.username !== '' || url.password !== '') return `'${origin}' must not carry credentials`;
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return `'${origin}' must be an origin only (scheme, address, port), without a path`;
  }
  const host = url.hostname;
  if (!isLoopbackAddress(host)) {
    return `API origin host '${host}' is not a loopback address: only 127.0.0.0/8 or [::1] may replace an exchange's API`;
  }
  return null;
}

/** The origin in its normal form (no trailing slash), after apiOriginProblem passed. */
export function normalizeApiOrigin(origin: string): string {
  return new URL(origin).origin;
}

export const ApiOriginSchema = z
  .string()
  .superRefine((origin, ctx) => {
    const problem = apiOriginProblem(origin);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(normalizeApiOrigin);

function uniqueList<T extends z.ZodType<string>>(item: T, what: string, max: number) {
  return z
    .array(item)
    .min(1, `at least one ${what}`)
    .max(max, `at most ${max} ${what}s`)
    .refine((list) => new Set(list).size === list.length, `each ${what} once`);
}

/** What a trader enters to add a connection. */
export const ConnectionInputSchema = z
  .object({
    name: ConnectionNameSchema,
    exchange: ExchangeIdSchema,
    symbols: uniqueList(SymbolSchema, 'symbol', 50),
    timeframes: uniqueList(ConnectionTimeframeSchema, 'timeframe', 6),
    apiOrigin: ApiOriginSchema.optional(),
  })
  .strict();
export type ConnectionInput = z.output<typeof ConnectionInputSchema>;

/** A stored connection. */
export const ConnectionConfigSchema = z.object({
  name: ConnectionNameSchema,
  exchange: ExchangeIdSchema,
  symbols: z.array(SymbolSchema),
  timeframes: z.array(TimeframeSchema),
  apiOrigin: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: z.number().int(),
  /** The exchange's keys come with a passphrase (OKX): what ccxt said when it was added. */
  needsPassword: z.boolean(),
});
export type ConnectionConfig = z.infer<typeof ConnectionConfigSchema>;

/** What the permission check concluded about a key. */
export const KeyVerdictSchema = z.enum([
  /** The exchange says the key cannot withdraw or transfer: usable for live trading. */
  'passed',
  /** The key can withdraw or move funds: refused for live trading. */
  'refused',
  /** The check failed (network, 5xx, garbage, key rejected): never counted as a pass. */
  'unverified',
  /** The exchange has no permission endpoint; the trader acknowledged that explicitly. */
  'unverifiable',
]);
export type KeyVerdict = z.infer<typeof KeyVerdictSchema>;

export const KeyVerificationSchema = z.object({
  at: z.number().int(),
  verdict: KeyVerdictSchema,
  /** One line for the trader: what was found, or why the check failed. */
  summary: z.string(),
  /** Permissions the exchange reports as enabled, in its own words (e.g. enableWithdrawals). */
  permissions: z.array(z.string()),
  /** Things to fix that do not refuse the key (trading disabled, no IP allowlist). */
  warnings: z.array(z.string()),
});
export type KeyVerification = z.infer<typeof KeyVerificationSchema>;

/** A key's status: never the key itself, only its last four characters. */
export const KeyStatusSchema = z.object({
  connection: z.string(),
  set: z.boolean(),
  /** '…' plus the last 4 characters of the public key, null when no key is set. */
  publicKeyHint: z.string().nullable(),
  setAt: z.number().int().nullable(),
  /** Whether the exchange needs a passphrase with its keys (OKX, Coinbase Exchange). */
  needsPassword: z.boolean(),
  /** Whether the exchange has a permission endpoint; without one a key needs acknowledging. */
  verifiable: z.boolean(),
  verification: KeyVerificationSchema.nullable(),
});
export type KeyStatus = z.infer<typeof KeyStatusSchema>;

export const ConnectionHealthSchema = z.object({
  state: FeedStateSchema,
  reason: z.string(),
  since: z.number().int(),
  /** When the connection last delivered market data (a candle or a tick). */
  lastMessageAt: z.number().int().nullable(),
  /** How long ago that was, on the engine's clock, when this was sent. */
  lastMessageAgeMs: z.number().int().nonnegative().nullable(),
  /** Failed requests and dropped streams retried since the feed started. */
  reconnects: z.number().int().nonnegative(),
});
export type ConnectionHealth = z.infer<typeof ConnectionHealthSchema>;

export const ConnectionQuoteSchema = z.object({
  symbol: z.string(),
  bid: z.number(),
  ask: z.number(),
  spreadBps: z.number(),
  at: z.number().int(),
});

export const ConnectionViewSchema = ConnectionConfigSchema.extend({
  /** Null while the connection's feed is not running (the engine plays the replay). */
  health: ConnectionHealthSchema.nullable(),
  /** Symbols the exchange no longer serves, and other per-series problems, named. */
  problems: z.array(z.object({ symbol: z.string(), problem: z.string() })),
  quotes: z.array(ConnectionQuoteSchema),
  key: KeyStatusSchema,
});
export type ConnectionView = z.infer<typeof ConnectionViewSchema>;

export const ConnectionListSchema = z.object({
  source: MarketSourceSchema,
  /** Whether the trader chose the source (otherwise: live with connections, else replay). */
  sourceChosen: z.boolean(),
  connections: z.array(ConnectionViewSchema),
});
export type ConnectionList = z.infer<typeof ConnectionListSchema>;
