import { CommandRefusal } from '../../../../src-shared/contract/command-refusal';
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
  /** Rejects with a ConnectionError naming the problem (unknown exchange, no candles). */
  describe(exchange: string): Promise<ExchangeDescription>;
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

/**
 * A connection request the engine refuses: the message names the problem; nothing is saved.
 * INVALID_INPUT when what was asked for does not exist (exchange, symbol, timeframe); REFUSED
 * when the state does not allow it (a name taken, open paper positions, no connection).
 */
export class ConnectionError extends CommandRefusal {
  constructor(message: string, code: 'INVALID_INPUT' | 'REFUSED' = 'REFUSED') {
    super(code, message);
    this.name = 'ConnectionError';
  }
}
