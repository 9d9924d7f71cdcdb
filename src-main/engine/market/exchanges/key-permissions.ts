import { z } from 'zod';

/** What an exchange says a key may do, normalized across exchanges. */
export interface KeyPermissions {
  /** Trading (spot) is enabled on the key. */
  readonly trade: boolean;
  /** The key can withdraw funds off the exchange. */
  readonly withdraw: boolean;
  /** The key can move funds between accounts (internal or universal transfer). */
  readonly transfer: boolean;
  /** Bound to an IP allowlist; null when the exchange does not report it. */
  readonly ipRestricted: boolean | null;
  /** Enabled permissions in the exchange's own words, for the trader and the audit chain. */
  readonly flags: readonly string[];
  /** The exchange's names of the permissions that move funds (for the refusal message). */
  readonly fundMovers: readonly string[];
}

/** Parses one exchange's permission response; throws (with the reason) on anything else. */
export type PermissionParser = (response: unknown) => KeyPermissions;

const enabled = (record: Record<string, boolean | undefined>): string[] =>
  Object.entries(record)
    .filter(([, on]) => on === true)
    .map(([name]) => name);

const BinanceRestrictions = z.object({
  ipRestrict: z.boolean(),
  enableReading: z.boolean(),
  enableSpotAndMarginTrading: z.boolean(),
  enableWithdrawals: z.boolean(),
  enableInternalTransfer: z.boolean(),
  permitsUniversalTransfer: z.boolean(),
  enableMargin: z.boolean().optional(),
  enableFutures: z.boolean().optional(),
  enableVanillaOptions: z.boolean().optional(),
  enablePortfolioMarginTrading: z.boolean().optional(),
});

/** Binance `GET /sapi/v1/account/apiRestrictions`. */
export const parseBinancePermissions: PermissionParser = (response) => {
  const r = BinanceRestrictions.parse(response);
  const { ipRestrict: _ip, ...flags } = r;
  const movers = enabled({
    enableWithdrawals: r.enableWithdrawals,
    enableInternalTransfer: r.enableInternalTransfer,
    permitsUniversalTransfer: r.permitsUniversalTransfer,
  });
  return {
    trade: r.enableSpotAndMarginTrading,
    withdraw: r.enableWithdrawals,
    transfer: r.enableInternalTransfer || r.permitsUniversalTransfer,
    ipRestricted: r.ipRestrict,
    flags: enabled(flags),
    fundMovers: movers,
  };
};

const OkxConfig = z.object({
  code: z.literal('0'),
  data: z.array(z.object({ perm: z.string(), ip: z.string() })).length(1),
});

/** OKX `GET /api/v5/account/config`: `perm` is e.g. "read_only,trade,withdraw". */
export const parseOkxPermissions: PermissionParser = (response) => {
  const [config] = OkxConfig.parse(response).data as [{ perm: string; ip: string }];
  const perms = config.perm
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const known = new Set(['read_only', 'trade', 'withdraw']);
  const unknown = perms.filter((p) => !known.has(p));
  if (perms.length === 0 || unknown.length > 0) {
    throw new Error(`OKX reported permissions Vigil does not know: '${config.perm}'`);
  }
  return {
    trade: perms.includes('trade'),
    withdraw: perms.includes('withdraw'),
    transfer: false, // OKX has no separate transfer permission; withdraw covers moving funds
    ipRestricted: config.ip.trim() !== '',
    flags: perms,
    fundMovers: perms.filter((p) => p === 'withdraw'),
  };
};

const BybitQueryApi = z.object({
  retCode: z.literal(0),
  result: z.object({
    readOnly: z.union([z.literal(0), z.literal(1)]),
    ips: z.array(z.string()),
    permissions: z.record(z.string(), z.array(z.string())),
  }),
});

/** Bybit `GET /v5/user/query-api`. */
export const parseBybitPermissions: PermissionParser = (response) => {
  const { readOnly, ips, permissions } = BybitQueryApi.parse(response).result;
  const flags = Object.entries(permissions).flatMap(([group, list]) =>
    list.map((p) => `${group}.${p}`),
  );
  const wallet = permissions['Wallet'] ?? [];
  const movers = wallet
    .filter((p) => p === 'Withdraw' || p.includes('Transfer'))
    .map((p) => `Wallet.${p}`);
  return {
    trade: readOnly === 0 && (permissions['Spot'] ?? []).includes('SpotTrade'),
    withdraw: wallet.includes('Withdraw'),
    transfer: wallet.some((p) => p.includes('Transfer')),
    ipRestricted: ips.length > 0 && !ips.includes('*'),
    flags: readOnly === 1 ? ['readOnly', ...flags] : flags,
    fundMovers: movers,
  };
};

const CoinbaseKeyPermissions = z.object({
  can_view: z.boolean(),
  can_trade: z.boolean(),
  can_transfer: z.boolean(),
});

/** Coinbase Advanced `GET /api/v3/brokerage/key_permissions`. */
export const parseCoinbasePermissions: PermissionParser = (response) => {
  const r = CoinbaseKeyPermissions.parse(response);
  return {
    trade: r.can_trade,
    withdraw: r.can_transfer,
    transfer: r.can_transfer,
    ipRestricted: null, // not reported by this endpoint
    flags: enabled(r),
    fundMovers: r.can_transfer ? ['can_transfer'] : [],
  };
};
