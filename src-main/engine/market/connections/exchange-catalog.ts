import type { ConnectionConfig } from '../../../../src-shared/domain/connection';

/** What Vigil needs to know about an exchange before connecting to it. */
export interface ExchangeDescription {
  readonly id: string;
  readonly label: string;
  /** ccxt's timeframe names the exchange serves candles for ('1m', '1h', ...). */
  readonly timeframes: readonly string[];
  /** ccxt.pro can stream this exchange's candles over websocket. */
  readonly websocket: boolean;
  /** The exchange's keys come with a passphrase (ccxt's `password`). */
  readonly needsPassword: boolean;
}

/** One line of `vigil exchange test`: what was tried and what happened. */
export interface ConnectionCheck {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * The exchange catalog port: which exchanges exist, what they serve, and a live probe. The
 * production implementation asks ccxt (market/exchanges/ccxt-catalog.ts), so only that module
 * loads ccxt.
 */
export interface ExchangeCatalog {
  /** Throws ConnectionError naming the problem (unknown exchange, no candles). */
  describe(exchange: string): ExchangeDescription;
  /**
   * Loads the exchange's spot markets (through the origin override when given) and returns,
   * per requested symbol, why it cannot be watched, or null when it can.
   */
  checkSymbols(
    exchange: string,
    apiOrigin: string | null,
    symbols: readonly string[],
  ): Promise<ReadonlyMap<string, string | null>>;
  /** Loads markets and one candle and one ticker per symbol; says what works. */
  probe(connection: ConnectionConfig): Promise<ConnectionCheck[]>;
}

/** A connection request the engine refuses: the message names the problem; nothing is saved. */
export class ConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionError';
  }
}
