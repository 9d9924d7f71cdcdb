import type { LiveTradingCapabilities } from '../../market/exchanges/exchange-capabilities';
import type { CcxtModule } from '../../market/load-ccxt';
import { BrokerNotSentError } from '../broker-errors';
import type { CircuitBreaker } from './circuit-breaker';
import { mapCcxtError } from './ccxt-error-map';

export interface VenueCallsDeps {
  readonly ccxt: CcxtModule;
  readonly venue: string;
  readonly caps: LiveTradingCapabilities;
  readonly breaker: CircuitBreaker;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** Told about every call the venue failed (network, 5xx, 429, timeout): the error cascade. */
  readonly onTrouble: (reason: string) => void;
  /** Attempts of a call the venue rate-limited (it was not processed). Default 4. */
  readonly rateLimitAttempts?: number;
  readonly rateLimitBaseMs?: number;
}

/**
 * Every call to a live venue goes through here: new entries are refused while the breaker is
 * open (they never leave); a rate-limited call (429/418: not processed) waits with
 * exponential backoff and jitter and goes again with the same request; every other failure is
 * mapped once to the port's errors and counted against the breaker.
 */
export class VenueCalls {
  constructor(private readonly deps: VenueCallsDeps) {}

  async run<T>(what: string, call: () => Promise<T>, options: { entry: boolean }): Promise<T> {
    const { deps } = this;
    if (options.entry) {
      const refusal = deps.breaker.refusal();
      if (refusal !== null) throw new BrokerNotSentError(deps.venue, refusal);
    }
    const attempts = deps.rateLimitAttempts ?? 4;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await call();
        deps.breaker.success();
        return result;
      } catch (error) {
        const mapped = mapCcxtError(deps.ccxt, deps.venue, deps.caps, error);
        if (mapped.venueTrouble) {
          deps.breaker.failure(`${what}: ${mapped.error.message}`);
          deps.onTrouble(`${what}: ${mapped.error.message}`);
        } else {
          // The exchange answered (a refusal is an answer): it is up.
          deps.breaker.success();
        }
        if (mapped.rateLimited && attempt < attempts) {
          const base = (deps.rateLimitBaseMs ?? 500) * 2 ** (attempt - 1);
          await deps.sleep(Math.round(base * (0.5 + deps.random() / 2)));
          continue;
        }
        throw mapped.error;
      }
    }
  }
}
