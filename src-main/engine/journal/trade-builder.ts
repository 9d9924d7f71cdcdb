import { divRound } from '../../../src-shared/domain/decimal';
import { moneyOf, notionalOf, priceOf, qtyOf } from '../ledger/money';

/** A fill as the journal reads it: the ledger's row, in the ledger's order. */
export interface JournalFill {
  /** Ledger row number: the order fills were recorded in, and the trade id's number. */
  readonly seq: number;
  readonly fillId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: string;
  readonly price: string;
  /** Fee in the asset it was charged in. */
  readonly fee: string;
  readonly feeAsset: string;
  /** The fee valued in the market's quote currency (the ledger's fee_quote). */
  readonly feeQuote: string;
  readonly at: number;
}

/** The part of one fill that added to a trade's position (an entry or an add). */
export interface EntryPart {
  readonly clientOrderId: string;
  readonly fillId: string;
  /** Traded quantity at QTY_SCALE. */
  readonly qty: bigint;
  /** Price at PRICE_SCALE. */
  readonly price: bigint;
}

/**
 * A position in one market from flat to flat, in exact scaled integers: quantities at
 * QTY_SCALE, prices at PRICE_SCALE, money at MONEY_SCALE (all in the market's quote).
 */
export interface ClosedTrade {
  /** 'T' + the ledger row of the fill that opened it: stable across restarts. */
  readonly id: string;
  readonly symbol: string;
  readonly quoteAsset: string;
  readonly direction: 'long' | 'short';
  readonly openedAt: number;
  readonly closedAt: number;
  readonly openingFillId: string;
  /** The fill that brought the position to flat (or flipped it): the close's news. */
  readonly closingFillId: string;
  readonly entries: readonly EntryPart[];
  readonly entryQty: bigint;
  readonly entryValue: bigint;
  readonly exitCount: number;
  readonly exitQty: bigint;
  readonly exitValue: bigint;
  readonly fees: bigint;
  readonly grossPnl: bigint;
  readonly netPnl: bigint;
}

interface OpenTrade {
  id: string;
  symbol: string;
  quoteAsset: string;
  direction: 'long' | 'short';
  openedAt: number;
  openingFillId: string;
  entries: EntryPart[];
  entryQty: bigint;
  entryValue: bigint;
  exitCount: number;
  exitQty: bigint;
  exitValue: bigint;
  /** Sum of every fee's quote value. */
  fees: bigint;
  /** Sells minus buys minus fees paid out of cash (quote or a third asset): the net PnL once flat. */
  cashFlow: bigint;
  /** Signed position at QTY_SCALE. */
  position: bigint;
}

/** One slice of a fill applied to a trade: all of it, or one side of a fill that flips. */
interface Slice {
  readonly qty: bigint;
  readonly baseFee: bigint;
  readonly feeValue: bigint;
}

const abs = (v: bigint): bigint => (v < 0n ? -v : v);

/**
 * Rebuilds closed trades from a book's fills, oldest first. A trade starts when a market's
 * position leaves flat and ends when it is flat again: adds and partial closes belong to it, and
 * a fill that crosses zero closes the trade and opens the next one with the rest. The position
 * moves exactly as in the ledger (a fee charged in the base asset leaves the position), so a
 * trade's net PnL is the cash it moved: sells - buys - fees paid from cash, which is the
 * ledger's realized PnL minus the fees, to the last digit.
 */
export function buildTrades(fills: readonly JournalFill[]): ClosedTrade[] {
  const builder = new TradeBuilder();
  for (const fill of fills) builder.add(fill);
  return [...builder.closed];
}

/**
 * The same, fed one fill at a time in the ledger's order: the journal keeps one per book and
 * hands it only the fills recorded since, so a long history is not rebuilt on every look.
 */
export class TradeBuilder {
  private readonly open = new Map<string, OpenTrade>();
  private readonly done: ClosedTrade[] = [];
  /** The ledger row of the last fill added (0 before the first). */
  lastSeq = 0;

  /** Closed trades so far, oldest close first. */
  get closed(): readonly ClosedTrade[] {
    return this.done;
  }

  add(fill: JournalFill): void {
    if (fill.seq <= this.lastSeq)
      throw new Error(
        `journal: fill ${fill.fillId} (row ${fill.seq}) is out of the ledger's order`,
      );
    this.lastSeq = fill.seq;
    const where = `journal: fill ${fill.fillId}`;
    const quote = quoteOf(fill.symbol, where);
    const qty = qtyOf(fill.qty, `${where} qty`);
    const price = priceOf(fill.price, `${where} price`);
    const baseFee = fill.feeAsset === baseOf(fill.symbol) ? qtyOf(fill.fee, `${where} fee`) : 0n;
    const feeValue = moneyOf(fill.feeQuote, `${where} fee value`);
    const signed = fill.side === 'buy' ? qty : -qty;
    let trade = this.open.get(fill.symbol);
    const before = trade?.position ?? 0n;
    const after = before + signed - baseFee;
    const crosses = before !== 0n && after !== 0n && before > 0n !== after > 0n;
    if (!crosses) {
      if (trade === undefined && after === 0n) return; // a fill that moves nothing opens nothing
      trade ??= startTrade(fill, quote, signed - baseFee);
      this.open.set(fill.symbol, trade);
      apply(trade, fill, { qty, baseFee, feeValue }, price);
      if (trade.position === 0n) {
        this.done.push(finish(trade, fill));
        this.open.delete(fill.symbol);
      }
      return;
    }
    // A flip: the closing slice takes what brings the position to zero (and any base-asset fee,
    // which only ever leaves the position), the rest opens the next trade.
    if (trade === undefined) throw new Error(`${where}: no trade open`);
    const closingQty = abs(before) + (fill.side === 'buy' ? baseFee : -baseFee);
    if (closingQty <= 0n || closingQty >= qty)
      throw new Error(`${where}: its base-asset fee leaves no quantity to split the flip at`);
    const closingFee = divRound(feeValue * closingQty, qty, 'floor', where);
    apply(trade, fill, { qty: closingQty, baseFee, feeValue: closingFee }, price);
    this.done.push(finish(trade, fill));
    const rest = qty - closingQty;
    const next = startTrade(fill, quote, fill.side === 'buy' ? rest : -rest);
    apply(next, fill, { qty: rest, baseFee: 0n, feeValue: feeValue - closingFee }, price);
    this.open.set(fill.symbol, next);
  }
}

function startTrade(fill: JournalFill, quote: string, firstMove: bigint): OpenTrade {
  return {
    id: `T${fill.seq}`,
    symbol: fill.symbol,
    quoteAsset: quote,
    direction: firstMove > 0n ? 'long' : 'short',
    openedAt: fill.at,
    openingFillId: fill.fillId,
    entries: [],
    entryQty: 0n,
    entryValue: 0n,
    exitCount: 0,
    exitQty: 0n,
    exitValue: 0n,
    fees: 0n,
    cashFlow: 0n,
    position: 0n,
  };
}

/** Applies a slice of a fill: an entry when it moves the position away from zero, else an exit. */
function apply(trade: OpenTrade, fill: JournalFill, slice: Slice, price: bigint): void {
  const signed = fill.side === 'buy' ? slice.qty : -slice.qty;
  const notional = notionalOf(slice.qty, price);
  const adds = trade.direction === 'long' ? fill.side === 'buy' : fill.side === 'sell';
  if (adds) {
    trade.entries.push({
      clientOrderId: fill.clientOrderId,
      fillId: fill.fillId,
      qty: slice.qty,
      price,
    });
    trade.entryQty += slice.qty;
    trade.entryValue += notional;
  } else {
    trade.exitCount += 1;
    trade.exitQty += slice.qty;
    trade.exitValue += notional;
  }
  trade.position += signed - slice.baseFee;
  trade.fees += slice.feeValue;
  // A base-asset fee is paid out of the position, not cash: the sale it is short of shows it.
  const paidFromCash = slice.baseFee === 0n ? slice.feeValue : 0n;
  trade.cashFlow += (fill.side === 'sell' ? notional : -notional) - paidFromCash;
}

function finish(trade: OpenTrade, closing: JournalFill): ClosedTrade {
  const { position: _flat, cashFlow, ...rest } = trade;
  return {
    ...rest,
    closedAt: closing.at,
    closingFillId: closing.fillId,
    netPnl: cashFlow,
    grossPnl: cashFlow + trade.fees,
  };
}

/** Quantity-weighted average price at PRICE_SCALE (money / qty), rounded down. */
export function averagePriceOf(value: bigint, qty: bigint): bigint {
  if (qty === 0n) throw new Error('journal: average price of nothing');
  return divRound(value, qty, 'floor', 'journal average price');
}

function baseOf(symbol: string): string {
  return symbol.split('/')[0] ?? '';
}

function quoteOf(symbol: string, where: string): string {
  const [base, quote, extra] = symbol.split('/');
  if (!base || !quote || extra !== undefined)
    throw new Error(`${where}: symbol '${symbol}' is not BASE/QUOTE`);
  return quote;
}
