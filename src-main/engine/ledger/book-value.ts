import { divRound, pow10 } from '../../../src-shared/domain/decimal';
import { exactRate, type ExactRate } from './conversion';
import type { BookSummary, ForeignCash } from './ledger-types';
import { moneyOf, notionalOf, PRICE_SCALE, priceOf, qtyOf } from './money';

/** The quote currency of a `BASE/QUOTE` symbol. */
export function quoteOf(symbol: string): string {
  const slash = symbol.indexOf('/');
  if (slash <= 0 || slash === symbol.length - 1)
    throw new Error(`ledger: bad symbol '${symbol}' (expected BASE/QUOTE)`);
  return symbol.slice(slash + 1);
}

/** What valuing a position needs of it (a PositionView has these fields, as text). */
export interface ValuedPosition {
  readonly symbol: string;
  readonly qty: string;
  readonly cost: string;
  readonly markPrice: string | null;
}

/** The book valued in its own currency, exact at the ledger's money scale. */
export interface BookValue {
  readonly equity: bigint;
  readonly unrealized: bigint;
  readonly realized: bigint;
  readonly fees: bigint;
}

const SCALE = pow10(PRICE_SCALE);
const NO_MARKS: ReadonlyMap<string, bigint> = new Map();

function convert(amount: bigint, rate: ExactRate): bigint {
  // Half-up to the nearest money unit (1e-24 of the book's currency).
  const num = amount * rate.num;
  const twice = divRound(num * 2n, rate.den, 'floor', 'conversion');
  return twice % 2n === 0n ? twice / 2n : (twice + (twice > 0n ? 1n : -1n)) / 2n;
}

/**
 * Equity, unrealized and realized PnL and fees of a book in its own currency: its cash, plus
 * each position at mark (at cost without one), plus cash, PnL and fees held in other
 * currencies, converted at the current marks. Null when a currency the book holds cannot be
 * converted: equity is never guessed.
 */
export function valueBook(
  book: BookSummary,
  positions: readonly ValuedPosition[],
  foreign: readonly ForeignCash[],
  /** The book's marks, read (a query) only when a rate needs them. */
  marks: () => ReadonlyMap<string, bigint>,
): BookValue | null {
  const rates = new Map<string, ExactRate | null>();
  // Equity is sampled on every bar: the marks are read (a query) only when a rate needs them.
  let read: ReadonlyMap<string, bigint> | null = null;
  const markMap = (): ReadonlyMap<string, bigint> => {
    if (read === null) read = marks();
    return read;
  };
  const rateOf = (asset: string): ExactRate | null => {
    if (!rates.has(asset)) {
      // An asset in itself is 1 (conversion.ts), whatever the marks: no read for it.
      const marksFor = asset === book.quoteAsset ? NO_MARKS : markMap();
      rates.set(asset, exactRate(asset, book.quoteAsset, marksFor, SCALE));
    }
    return rates.get(asset) ?? null;
  };
  let equity = moneyOf(book.cash, 'cash');
  let unrealized = 0n;
  let realized = moneyOf(book.realizedPnl, 'realized');
  let fees = moneyOf(book.fees, 'fees');
  for (const p of positions) {
    const qty = qtyOf(p.qty, 'position qty');
    const cost = moneyOf(p.cost, 'position cost');
    if (qty === 0n && cost === 0n) continue;
    const rate = rateOf(quoteOf(p.symbol));
    if (rate === null) return null;
    const atMark = p.markPrice === null ? cost : notionalOf(qty, priceOf(p.markPrice, 'mark'));
    equity += convert(atMark, rate);
    unrealized += convert(atMark - cost, rate);
  }
  for (const f of foreign) {
    const cash = moneyOf(f.cash, 'foreign cash');
    const pnl = moneyOf(f.realizedPnl, 'foreign realized');
    const paid = moneyOf(f.fees, 'foreign fees');
    if (cash === 0n && pnl === 0n && paid === 0n) continue;
    const rate = rateOf(f.asset);
    if (rate === null) return null;
    equity += convert(cash, rate);
    realized += convert(pnl, rate);
    fees += convert(paid, rate);
  }
  return { equity, unrealized, realized, fees };
}
