import type { InitialRisk } from '../../../src-shared/contract/journal';
import type { BookId } from '../../../src-shared/domain/order';
import { moneyText, priceOf, priceText } from '../ledger/money';
import type { ClosedTrade } from './trade-builder';

/** The protective stop that protected one entry order, and where it came from. */
export interface EntryStop {
  readonly stop: string;
  readonly source: InitialRisk['source'];
}

/** An entry order: the book it was placed in and its client order id. */
export interface EntryOrderRef {
  readonly bookId: BookId;
  readonly clientOrderId: string;
}

/**
 * Finds the stop that protected an entry order, or null. Sources are
 * asked in turn: a trade plan's stop (by the plan id on the entry order) when plans exist, then
 * the bracket's stop leg. The plans area adds its source in front; nothing else changes.
 */
export type EntryStopSource = (entry: EntryOrderRef) => EntryStop | null;

export type RiskVerdict =
  | { readonly risk: InitialRisk; readonly missing: null }
  | { readonly risk: null; readonly missing: string };

/**
 * What a stop-out would have lost at entry: sum over the entry fills of |entry - stop| x
 * quantity, each fill with the stop of its own order. When any entry had no protective stop, or
 * a stop was not beyond its entry price, there is no initial risk and the reason says so: an
 * R-multiple is never computed from a made-up risk.
 */
export function initialRiskFor(
  trade: ClosedTrade,
  bookId: BookId,
  sources: readonly EntryStopSource[],
): RiskVerdict {
  let amount = 0n;
  let first: EntryStop | null = null;
  for (const entry of trade.entries) {
    const stop = stopOf({ bookId, clientOrderId: entry.clientOrderId }, sources);
    if (stop === null)
      return { risk: null, missing: `entry order ${entry.clientOrderId} had no protective stop` };
    const stopPrice = priceOf(stop.stop, `journal: stop of ${entry.clientOrderId}`);
    const perUnit = trade.direction === 'long' ? entry.price - stopPrice : stopPrice - entry.price;
    if (perUnit <= 0n)
      return {
        risk: null,
        missing: `the stop ${priceText(stopPrice)} of entry order ${entry.clientOrderId} was not beyond its fill at ${priceText(entry.price)}`,
      };
    amount += perUnit * entry.qty;
    first ??= stop;
  }
  if (first === null) return { risk: null, missing: 'the trade has no entry fill' };
  return {
    risk: { amount: moneyText(amount), stop: first.stop, source: first.source },
    missing: null,
  };
}

function stopOf(entry: EntryOrderRef, sources: readonly EntryStopSource[]): EntryStop | null {
  for (const source of sources) {
    const stop = source(entry);
    if (stop !== null) return stop;
  }
  return null;
}

/** R units per R: an R-multiple is carried in millionths of an R (exact enough to sum). */
export const MICRO_R = 1_000_000n;

/** net / risk in millionths of an R, truncated toward zero. */
export function microR(netPnl: bigint, riskAmount: bigint): bigint {
  if (riskAmount <= 0n) throw new Error('journal: R-multiple of a non-positive risk');
  return (netPnl * MICRO_R) / riskAmount;
}

/** Millionths of an R as decimal text, rounded half away from zero to 2 decimals. */
export function rText(micro: bigint): string {
  const sign = micro < 0n ? -1n : 1n;
  const hundredths = (sign * micro + 5_000n) / 10_000n;
  const frac = (hundredths % 100n).toString().padStart(2, '0');
  return `${sign < 0n && hundredths !== 0n ? '-' : ''}${hundredths / 100n}.${frac}`;
}

/** The R-multiple net / risk, rounded half away from zero to 2 decimals, as decimal text. */
export function rMultipleOf(netPnl: bigint, riskAmount: bigint): string {
  return rText(microR(netPnl, riskAmount));
}
