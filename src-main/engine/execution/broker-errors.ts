/**
 * The three ways a venue call can fail, which the executor treats very differently. Adapters
 * (paper, ccxt) map their errors to exactly one of these.
 */

/**
 * The venue refused the request. `code`/`msg` are the exchange's own (Binance shape); a null
 * code is a refusal Vigil made before sending (a market rule, a client id the venue cannot
 * take) or one of the paper venue's: its message is in words and carries no exchange's code.
 */
export class VenueRejectError extends Error {
  constructor(
    readonly venue: string,
    readonly code: number | null,
    readonly msg: string,
  ) {
    super(code === null ? `${venue}: ${msg}` : `${venue} ${JSON.stringify({ code, msg })}`);
    this.name = 'VenueRejectError';
  }
}

/**
 * The venue already has an order with this client id: an earlier attempt did arrive. Look it
 * up; never send again.
 */
export class BrokerDuplicateIdError extends VenueRejectError {
  constructor(venue: string, code: number | null, msg: string) {
    super(venue, code, msg);
    this.name = 'BrokerDuplicateIdError';
  }
}

/** The venue has no open order with this id (filled, canceled, or never arrived). */
export class BrokerUnknownOrderError extends VenueRejectError {
  constructor(venue: string, code: number | null, msg: string) {
    super(venue, code, msg);
    this.name = 'BrokerUnknownOrderError';
  }
}

/** The request definitely never reached the venue (e.g. connection refused): retry, same id. */
export class BrokerNotSentError extends Error {
  constructor(
    readonly venue: string,
    message: string,
  ) {
    super(`${venue}: not sent: ${message}`);
    this.name = 'BrokerNotSentError';
  }
}

/** The request may or may not have arrived (timeout, dropped connection): ask, never resend. */
export class BrokerUnknownOutcomeError extends Error {
  constructor(
    readonly venue: string,
    message: string,
  ) {
    super(`${venue}: outcome unknown: ${message}`);
    this.name = 'BrokerUnknownOutcomeError';
  }
}

/**
 * The executor was stopped (the engine is shutting down, its database closing) while a call
 * to the venue was in flight: the work is abandoned, not failed, and the next start's
 * reconciliation picks it up from the write-ahead records.
 */
export class ExecutorStoppedError extends Error {
  constructor(what: string) {
    super(`executor stopped during ${what}; the next start reconciles it`);
    this.name = 'ExecutorStoppedError';
  }
}
