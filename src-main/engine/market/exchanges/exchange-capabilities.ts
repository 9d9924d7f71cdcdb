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
 * One typed record per exchange: what differs between venues is data here, not branches in
 * the adapters. The live broker (next issue) adds its fields (client-id field and length,
 * stop order types, user-stream support) to the same records.
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
  },
  kraken: {
    label: 'Kraken',
    bookTickerStream: false,
    permissions: null,
    tradeOnlyKeyHelp:
      'On Kraken, Settings -> API -> Create key with "Query Funds", "Query Open Orders & Trades", ' +
      '"Create & Modify Orders" and "Cancel/Close Orders" only (never "Withdraw Funds"), with an ' +
      'IP allowlist.',
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
    }
  );
}
