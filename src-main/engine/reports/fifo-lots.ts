import { Money, PRORATION_PLACES, ZERO } from './money';
import type { ParsedFill } from './parsed-fill';

/** Part of a fill still open as a position (long after a buy, short after a sell). */
export interface OpenLot {
  readonly symbol: string;
  readonly direction: 'long' | 'short';
  readonly openFill: ParsedFill;
  readonly quantity: Money;
  /** quantity x open price, exact. */
  readonly gross: Money;
  /** The share of the opening fill's fee this lot still carries. */
  readonly fee: Money;
}

/** One FIFO match: `quantity` of an opening fill closed by a closing fill. */
export interface ClosedLot {
  readonly symbol: string;
  readonly direction: 'long' | 'short';
  readonly quantity: Money;
  readonly openFill: ParsedFill;
  readonly closeFill: ParsedFill;
  readonly openGross: Money;
  readonly closeGross: Money;
  readonly openFee: Money;
  readonly closeFee: Money;
  /** Buy side: gross + its fee. */
  readonly costBasis: Money;
  /** Sell side: gross - its fee. */
  readonly proceeds: Money;
  /** proceeds - costBasis (fees of both sides included). */
  readonly gain: Money;
}

export interface FifoResult {
  readonly closed: readonly ClosedLot[];
  /** Open lots per symbol, oldest first, after the last fill. */
  readonly open: ReadonlyMap<string, readonly OpenLot[]>;
}

interface MutableLot {
  readonly openFill: ParsedFill;
  readonly direction: 'long' | 'short';
  quantity: Money;
  gross: Money;
  fee: Money;
}

/**
 * Splits `fee` for `part` of `whole`, rounded to PRORATION_PLACES. The caller subtracts the
 * returned share from what it still carries, so the last slice takes the exact remainder and
 * the slices always add up to the original fee.
 */
function feeShare(fee: Money, part: Money, whole: Money): Money {
  if (part.eq(whole)) return fee;
  return fee.times(part).div(whole).toDecimalPlaces(PRORATION_PLACES);
}

/**
 * Matches fills first-in first-out per symbol. A fill against the position closes the oldest
 * lots first; what is left of it (if it crosses zero) opens a lot the other way. Fills are
 * added in the order the book made them, as the ledger matched them: after a rewound replay
 * that is not market-time order. Incremental, so a caller can pause between fills and keep the
 * event loop free.
 */
export class FifoMatcher {
  private readonly books = new Map<string, MutableLot[]>();
  private readonly closed: ClosedLot[] = [];

  add(fill: ParsedFill): void {
    const lots = this.books.get(fill.symbol) ?? [];
    this.books.set(fill.symbol, lots);
    const closesDirection = fill.side === 'sell' ? 'long' : 'short';
    let qtyLeft = fill.quantity;
    let feeLeft = fill.fee;
    while (qtyLeft.gt(0) && lots.length > 0 && lots[0]?.direction === closesDirection) {
      const lot = lots[0];
      const take = Money.min(qtyLeft, lot.quantity);
      const openFee = feeShare(lot.fee, take, lot.quantity);
      const closeFee = feeShare(feeLeft, take, qtyLeft);
      const openGross = take.eq(lot.quantity) ? lot.gross : take.times(lot.openFill.price);
      const closeGross = take.times(fill.price);
      this.closed.push(
        closedLot(
          fill.symbol,
          closesDirection,
          take,
          lot.openFill,
          fill,
          openGross,
          closeGross,
          openFee,
          closeFee,
        ),
      );
      lot.quantity = lot.quantity.minus(take);
      lot.gross = lot.gross.minus(openGross);
      lot.fee = lot.fee.minus(openFee);
      qtyLeft = qtyLeft.minus(take);
      feeLeft = feeLeft.minus(closeFee);
      if (lot.quantity.isZero()) lots.shift();
    }
    if (qtyLeft.gt(0)) {
      lots.push({
        openFill: fill,
        direction: fill.side === 'buy' ? 'long' : 'short',
        quantity: qtyLeft,
        gross: qtyLeft.times(fill.price),
        fee: feeLeft,
      });
    } else if (!feeLeft.isZero()) {
      throw new Error(
        `fill ${fill.source.id}: internal error, fee ${feeLeft.toFixed()} left unallocated`,
      );
    }
  }

  result(): FifoResult {
    const open = new Map<string, readonly OpenLot[]>();
    for (const [symbol, lots] of this.books) {
      if (lots.length > 0)
        open.set(
          symbol,
          lots.map((l) => ({ symbol, ...l })),
        );
    }
    return { closed: [...this.closed], open };
  }
}

/** FIFO-matches a whole fill list at once. */
export function matchFifo(fills: readonly ParsedFill[]): FifoResult {
  const matcher = new FifoMatcher();
  for (const fill of fills) matcher.add(fill);
  return matcher.result();
}

function closedLot(
  symbol: string,
  direction: 'long' | 'short',
  quantity: Money,
  openFill: ParsedFill,
  closeFill: ParsedFill,
  openGross: Money,
  closeGross: Money,
  openFee: Money,
  closeFee: Money,
): ClosedLot {
  const long = direction === 'long';
  const costBasis = long ? openGross.plus(openFee) : closeGross.plus(closeFee);
  const proceeds = long ? closeGross.minus(closeFee) : openGross.minus(openFee);
  return {
    symbol,
    direction,
    quantity,
    openFill,
    closeFill,
    openGross,
    closeGross,
    openFee,
    closeFee,
    costBasis,
    proceeds,
    gain: proceeds.minus(costBasis),
  };
}

/**
 * Unrealized PnL of open lots at `mark` (quote per base), before fees — the ledger's
 * convention: fees already paid are counted in the period's fees, not here.
 */
export function unrealizedGain(lots: readonly OpenLot[], mark: Money): Money {
  let total = ZERO;
  for (const lot of lots) {
    const move = lot.quantity.times(mark).minus(lot.gross);
    total = total.plus(lot.direction === 'long' ? move : move.negated());
  }
  return total;
}
