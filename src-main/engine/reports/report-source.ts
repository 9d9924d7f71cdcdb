/**
 * The narrow read port the reports need from the ledger. Everything money-like is an exact
 * decimal string as the ledger stored it; reports parse and validate it at entry. A ledger
 * adapter implements this interface; tests use the in-memory one.
 */

import type { BookId } from '../../../src-shared/domain/order';

/** Paper and live are separate books ('paper', 'live:<venue>'); a report is for exactly one. */
export type Book = BookId;

export interface ReportFill {
  readonly id: string;
  readonly book: Book;
  readonly venue: string;
  /** Unified symbol, e.g. "BTC/USDT". */
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly side: 'buy' | 'sell';
  /**
   * Traded quantity in the base asset. As in the ledger, the position moves by exactly this
   * quantity; a fee charged in the base asset is valued at the fill price and counted as a fee.
   */
  readonly quantity: string;
  /** Price in quote per base. */
  readonly price: string;
  /** The fee, in the asset it was charged in. */
  readonly feeAsset: string;
  readonly feeAmount: string;
  /**
   * The fee's value in the book's account currency at fill time, as the ledger recorded it.
   * Required when the fee asset is neither the base nor the quote (e.g. BNB); for quote or base
   * fees it is derived exactly (amount, or amount x price) and, if given, must agree.
   */
  readonly feeValue?: string;
  /** Epoch milliseconds, UTC. */
  readonly at: number;
  /** The venue's order id when the ledger knows it. */
  readonly orderId?: string;
  readonly clientOrderId: string;
  /**
   * For a pair quoted in another currency than the account's (ETH/BTC in a USDT book): that
   * currency's rate into the account currency at the fill's time, as the ledger recorded it.
   * Without one such a fill cannot be valued and the report is refused, naming it.
   */
  readonly quoteRate?: ReportRate;
}

/**
 * A currency's rate into the book's account currency: 1 unit = num / den units (exact
 * integers), through the markets in `via`, from the ledger's marks at `at`.
 */
export interface ReportRate {
  readonly num: string;
  readonly den: string;
  readonly via: readonly string[];
  readonly at: number;
}

/** Equity (account currency) sampled by the ledger on fills and bar closes. */
export interface EquitySample {
  readonly at: number;
  readonly equity: string;
}

/** A recorded deposit or withdrawal (paper balance resets count as deposits). */
export interface CashFlow {
  readonly at: number;
  readonly kind: 'deposit' | 'withdrawal';
  /** Positive amount in the account currency. */
  readonly amount: string;
  readonly note: string;
}

/** A risk gate rejection, an automatic halt, or a kill — from the audit chain. */
export interface RiskEventRecord {
  readonly at: number;
  readonly kind: 'rejection' | 'halt' | 'kill';
  /** The rule that rejected (rejections), or the trigger (halts and kills). */
  readonly rule: string;
  readonly reason: string;
}

export interface ReportSource {
  /** The currency every money figure of this book is valued in (e.g. "USDT"). */
  accountCurrency(book: Book): string;
  /**
   * Every fill of the book before `untilMs`, oldest first. All history is needed (not just
   * the period) because a lot sold in the period may have been bought long before.
   */
  fills(book: Book, untilMs: number): readonly ReportFill[];
  /** Samples in [fromMs, toMs) plus the last sample before fromMs (the opening equity). */
  equity(book: Book, fromMs: number, toMs: number): readonly EquitySample[];
  cashFlows(book: Book, fromMs: number, toMs: number): readonly CashFlow[];
  riskEvents(book: Book, fromMs: number, toMs: number): readonly RiskEventRecord[];
  /** Mark price (quote per base) of a symbol at `atMs`, or undefined if none is known. */
  markPrice(book: Book, symbol: string, atMs: number): string | undefined;
  /**
   * `asset` in the account currency at `atMs` (for open positions quoted in it), through the
   * same conversion the ledger values equity with; undefined when no rate is known then.
   */
  rate(book: Book, asset: string, atMs: number): ReportRate | undefined;
}
