import {
  parseBinancePermissions,
  parseBybitPermissions,
  parseCoinbasePermissions,
  parseOkxPermissions,
  type PermissionParser,
} from './key-permissions';

/** How to ask an exchange what a key may do: a ccxt implicit API method and its parser. */
export interface PermissionEndpoint {
  /** ccxt's implicit method, e.g. `sapiGetAccountApiRestrictions`. */
  readonly method: string;
  /** The exchange's endpoint, for messages. */
  readonly endpoint: string;
  readonly parse: PermissionParser;
}

/**
 * How Vigil trades on an exchange through ccxt: the live broker reads these instead of
 * branching on the exchange's name.
 */
export interface LiveTradingCapabilities {
  /**
   * How the exchange's private API is driven through ccxt (execution/live/live-dialects.ts):
   * the params that carry our client id, lookups, cancels, stops and OCO lists.
   */
  readonly dialect: 'binance-spot' | 'okx-v5';
  /** The longest client id the exchange accepts, and its alphabet. */
  readonly clientIdMaxLength: number;
  readonly clientIdPattern: RegExp;
  /**
   * How a protective stop rests at the exchange. 'stop-limit': the exchange has no stop-market
   * order for spot, so a stop-market is sent as a stop-limit whose limit sits
   * `stopLimitSlippageBps` beyond the trigger (rounded away from the market on the tick grid).
   */
  readonly stopOrder: 'stop-market' | 'stop-limit';
  readonly stopLimitSlippageBps: number;
  /** Spot has no reduce-only flag here: Vigil refuses a reduce-only order beyond the position. */
  readonly reduceOnly: 'exchange' | 'emulated';
  /** Order and fill pushes over ccxt pro (watchOrders / watchMyTrades); else REST polling. */
  readonly userStream: boolean;
  /**
   * The exchange's answer to a reused client id, when ccxt does not raise DuplicateOrderId
   * for it (Binance spot answers -2010 "Duplicate order sent.", which ccxt maps to
   * InvalidOrder; OKX 51016 "Duplicated clOrdId", also InvalidOrder in ccxt). `msg` when the
   * code alone is shared with other refusals.
   */
  readonly duplicateId: { readonly code: number; readonly msg?: string } | null;
}

/**
 * One typed record per exchange: what differs between venues is data here, not branches in
 * the adapters (market data, key permissions, live trading).
 */
export interface ExchangeCapabilities {
  readonly label: string;
  /**
   * Best bid/ask come from a dedicated book-ticker stream (ccxt watchBidsAsks) rather than
   * the ticker stream, which on this exchange carries no bid/ask at the speed that matters.
   */
  readonly bookTickerStream: boolean;
  /** null: the exchange has no endpoint that reports a key's permissions. */
  readonly permissions: PermissionEndpoint | null;
  /** How to create a key that can trade but never withdraw, in the exchange's own words. */
  readonly tradeOnlyKeyHelp: string;
  /**
   * What a refused key's error code means and what the trader does about it, by the
   * exchange's code as text (Binance answers every key problem with a terse message of its own).
   */
  readonly keyRejections: Readonly<Record<string, string>>;
  /** null: Vigil's live broker does not trade on this exchange yet (LIVE is refused). */
  readonly trading: LiveTradingCapabilities | null;
}

const CAPABILITIES: Readonly<Record<string, ExchangeCapabilities>> = {
  binance: {
    label: 'Binance',
    bookTickerStream: true,
    permissions: {
      method: 'sapiGetAccountApiRestrictions',
      endpoint: 'GET /sapi/v1/account/apiRestrictions',
      parse: parseBinancePermissions,
    },
    tradeOnlyKeyHelp:
      'On Binance, API Management -> Edit restrictions: keep "Enable Reading" and "Enable Spot & ' +
      'Margin Trading", untick "Enable Withdrawals", "Enable Internal Transfer" and "Permits ' +
      'Universal Transfer", and choose "Restrict access to trusted IPs only".',
    keyRejections: {
      '-2014': 'the API key is not in the shape Binance issues; paste the whole key again',
      '-2015':
        "Binance does not accept this API key from this machine: check the key was pasted whole, that it was not deleted, and that this machine's IP address is on its allowlist",
      '-1022': "the secret does not match this API key; paste the key's secret again",
      '-1021':
        "this computer's clock is off from Binance's; turn on automatic time sync (NTP) and check the key again",
    },
    trading: {
      dialect: 'binance-spot',
      clientIdMaxLength: 36,
      clientIdPattern: /^[.A-Z:/a-z0-9_-]{1,36}$/,
      // Binance spot lists STOP_LOSS_LIMIT, TAKE_PROFIT_LIMIT and LIMIT_MAKER but no STOP_LOSS
      // (stop-market) for its major pairs.
      stopOrder: 'stop-limit',
      stopLimitSlippageBps: 50,
      reduceOnly: 'emulated',
      userStream: true,
      duplicateId: { code: -2010, msg: 'Duplicate order sent.' },
    },
  },
  okx: {
    label: 'OKX',
    bookTickerStream: false,
    permissions: {
      method: 'privateGetAccountConfig',
      endpoint: 'GET /api/v5/account/config',
      parse: parseOkxPermissions,
    },
    tradeOnlyKeyHelp:
      'On OKX, Profile -> API -> Create V5 API key: permissions "Read" and "Trade" only (never ' +
      '"Withdraw"), bound to the IP addresses you trade from.',
    keyRejections: {
      '50111': 'OKX does not know this API key; paste the whole key again',
      '50113': "the secret does not match this API key; paste the key's secret again",
      '50105': "the passphrase is not this key's; type the passphrase you set when creating it",
      '50102':
        "this computer's clock is off from OKX's; turn on automatic time sync (NTP) and check the key again",
    },
    trading: {
      dialect: 'okx-v5',
      // OKX: clOrdId is 1-32 case-sensitive letters and digits, nothing else.
      clientIdMaxLength: 32,
      clientIdPattern: /^[A-Za-z0-9]{1,32}$/,
      // Spot conditional algo orders take a market price (slOrdPx -1): a stop-market rests at
      // OKX itself, not a stop-limit that a gap can jump.
      stopOrder: 'stop-market',
      stopLimitSlippageBps: 50,
      reduceOnly: 'emulated',
      userStream: true,
      duplicateId: { code: 51016 },
    },
  },
  bybit: {
    label: 'Bybit',
    bookTickerStream: false,
    permissions: {
      method: 'privateGetV5UserQueryApi',
      endpoint: 'GET /v5/user/query-api',
      parse: parseBybitPermissions,
    },
    tradeOnlyKeyHelp:
      'On Bybit, API -> Create New Key -> System-generated, "Read-Write" with "Spot: Trade" only ' +
      '(no Wallet transfer or withdrawal permission), restricted to your IP addresses.',
    keyRejections: {},
    trading: null,
  },
  coinbase: {
    label: 'Coinbase',
    bookTickerStream: false,
    permissions: {
      method: 'v3PrivateGetBrokerageKeyPermissions',
      endpoint: 'GET /api/v3/brokerage/key_permissions',
      parse: parseCoinbasePermissions,
    },
    tradeOnlyKeyHelp:
      'On the Coinbase Developer Platform, create an API key with "View" and "Trade" only ' +
      '("Transfer" off), and set its IP allowlist there.',
    keyRejections: {},
    trading: null,
  },
  kraken: {
    label: 'Kraken',
    bookTickerStream: false,
    permissions: null,
    tradeOnlyKeyHelp:
      'On Kraken, Settings -> API -> Create key with "Query Funds", "Query Open Orders & Trades", ' +
      '"Create & Modify Orders" and "Cancel/Close Orders" only (never "Withdraw Funds"), with an ' +
      'IP allowlist.',
    keyRejections: {},
    trading: null,
  },
};

/** The record for an exchange; other ccxt exchanges get a conservative default. */
export function capabilitiesOf(exchange: string): ExchangeCapabilities {
  return (
    CAPABILITIES[exchange] ?? {
      label: exchange,
      bookTickerStream: false,
      permissions: null,
      tradeOnlyKeyHelp: `On ${exchange}, create an API key that can trade but not withdraw or transfer funds, with an IP allowlist.`,
      keyRejections: {},
      trading: null,
    }
  );
}
