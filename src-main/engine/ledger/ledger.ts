import type { Database } from 'better-sqlite3';
import type { BookId, FillView } from '../../../src-shared/domain/order';
import type { LedgerFillInput } from './ledger-types';
import { rateAt, recordFillRate } from './fill-rates';
import { LedgerReadModel } from './ledger-read-model';
import { ledgerStatements, type LedgerStatements } from './ledger-statements';
import { moneyOf, moneyText, notionalOf, priceOf, priceText, qtyOf, qtyText } from './money';

interface BookRow {
  quote_asset: string;
  cash: string;
  realized: string;
  fees: string;
}
interface LotRow {
  lot_id: number;
  direction: 'long' | 'short';
  open_price: string;
  qty_remaining: string;
}
interface PositionRow {
  qty: string;
  cost: string;
  realized: string;
  fees: string;
}

/** Splits 'BTC/USDT' into base and quote, naming the symbol on a bad shape. */
export function splitSymbol(symbol: string): { base: string; quote: string } {
  const [base, quote, extra] = symbol.split('/');
  if (base === undefined || quote === undefined || extra !== undefined || !base || !quote) {
    throw new Error(`ledger: bad symbol '${symbol}' (expected BASE/QUOTE)`);
  }
  return { base, quote };
}

/**
 * The ledger: fills -> FIFO lots -> positions, realized PnL and fees, in exact integer money.
 * A pair quoted in another currency than the book's (ETH/BTC in a USDT book) keeps its cash,
 * PnL and fees in that currency (ledger_cash); equity values them at current marks.
 * Every write keeps, per currency, the identity cash + sum(position cost) == starting + realized - fees:
 * opening moves value from cash into cost, closing moves the lot's cost back out and books
 * the difference as realized, and a fee leaves cash (or the position, for a base-asset fee).
 */
export class Ledger extends LedgerReadModel {
  private readonly stmts: LedgerStatements;
  private readonly recordTx: (input: LedgerFillInput) => { fill: FillView; duplicate: boolean };
  private readonly markTx: (
    bookId: BookId,
    symbol: string,
    price: string,
    at: number,
    forward: boolean,
  ) => void;
  /** Per book, how many fills it holds (the bar samples' book version; see markBar). */
  private readonly fillsSeen = new Map<BookId, number>();

  constructor(db: Database) {
    super(db);
    this.stmts = ledgerStatements(db);
    this.recordTx = db.transaction((input: LedgerFillInput) => this.recordUnsafe(input));
    this.markTx = db.transaction(
      (bookId: BookId, symbol: string, price: string, at: number, forward: boolean) => {
        (forward ? this.stmts.upsertMarkForward : this.stmts.upsertMark).run(
          bookId,
          symbol,
          price,
          at,
        );
        // Idempotent for the same bar and the same book; a rewound replay that passes this bar
        // again after trades (another book) records what the book is worth now.
        this.sampleEquity(bookId, at, 'bar', `${symbol}#${this.fillsRecorded(bookId)}`);
      },
    );
  }

  /** Creates the book on first use; an existing book must agree on its quote asset. */
  ensureBook(bookId: BookId, quoteAsset: string, startingBalance: string, at: number): void {
    const row = this.stmts.book.get(bookId) as BookRow | undefined;
    if (row !== undefined) {
      if (row.quote_asset !== quoteAsset) {
        throw new Error(`ledger: book ${bookId} is in ${row.quote_asset}, not ${quoteAsset}`);
      }
      return;
    }
    const start = moneyOf(startingBalance, `ledger ${bookId} starting balance`);
    const t = moneyText(start);
    this.stmts.insertBook.run(bookId, quoteAsset, t, t, '0', '0', at);
  }

  /**
   * Records one fill exactly once: a fill id already in the book is reported as duplicate
   * and changes nothing. Runs in a (nested) transaction with the caller's order update.
   */
  recordFill(input: LedgerFillInput): { fill: FillView; duplicate: boolean } {
    return this.recordTx(input);
  }

  /** Moves cash and the starting balance together (deposit, withdrawal, paper reset). */
  transfer(bookId: BookId, amount: string, reason: string, at: number): void {
    const delta = moneyOf(amount, 'ledger transfer amount');
    const book = this.requireBook(bookId);
    const start = (this.stmts.startOf.get(bookId) as { starting_balance: string }).starting_balance;
    const newStart = moneyOf(start, 'starting balance') + delta;
    const newCash = moneyOf(book.cash, 'cash') + delta;
    this.stmts.moveStart.run(moneyText(newStart), moneyText(newCash), bookId);
    this.stmts.insertTransfer.run(bookId, at, moneyText(delta), reason);
  }

  /**
   * Moves cash in a currency other than the book's own in or out (a paper reset clears it).
   * Realized PnL and fees stay as history; the per-currency identity counts the transfer.
   */
  transferForeign(bookId: BookId, asset: string, amount: string, reason: string, at: number): void {
    const book = this.requireBook(bookId);
    if (asset === book.quote_asset)
      throw new Error(`ledger: ${asset} is the book's own currency; use transfer()`);
    const account = this.foreignAccount(bookId, asset);
    const cash = moneyOf(account.cash, 'cash') + moneyOf(amount, 'foreign transfer amount');
    this.stmts.upsertForeign.run(bookId, asset, moneyText(cash), account.realized, account.fees);
    this.stmts.insertForeignTransfer.run(bookId, asset, at, amount, reason);
  }

  /**
   * Bar close: updates the mark and samples equity (idempotent per book, symbol and time).
   * `forward` (a live book, on wall time): a mark from a later trade than the close stays. The
   * paper book's marks follow its bars wherever they go: a rewound replay marks the past again.
   */
  markBar(
    bookId: BookId,
    symbol: string,
    closePrice: string,
    at: number,
    options: { readonly forward?: boolean } = {},
  ): void {
    const price = priceOf(closePrice, `mark ${symbol}`);
    this.markTx(bookId, symbol, priceText(price), at, options.forward === true);
  }

  /**
   * A price observed at `at` outside a bar close — the venue's last trade from the live feed:
   * it becomes the book's mark of `symbol` unless the book holds a mark from `at` or later (an
   * older price never replaces a newer one; at the same instant the mark held stays). Samples
   * no equity: samples follow fills and bar closes. Returns whether the mark moved.
   */
  markObserved(bookId: BookId, symbol: string, price: string, at: number): boolean {
    const observed = priceOf(price, `observed price ${symbol}`);
    if (observed <= 0n)
      throw new Error(`ledger: observed price of ${symbol} must be positive, got ${price}`);
    return this.stmts.observeMark.run(bookId, symbol, priceText(observed), at).changes > 0;
  }

  /**
   * Fills recorded in the book: counted once, then kept as this ledger records them (one COUNT
   * per bar would cost a scan of the book's fills). Should a caller's transaction roll a fill
   * back, the count is one ahead: the next bar then records one more sample of the book's true
   * equity, never a wrong one.
   */
  private fillsRecorded(bookId: BookId): number {
    let n = this.fillsSeen.get(bookId);
    if (n === undefined) {
      n = this.fillCount(bookId);
      this.fillsSeen.set(bookId, n);
    }
    return n;
  }

  /** The book's account in another currency (zero until its first fill). */
  private foreignAccount(bookId: BookId, asset: string): Omit<BookRow, 'quote_asset'> {
    const row = this.stmts.foreign.get(bookId, asset) as
      { cash: string; realized: string; fees: string } | undefined;
    return row ?? { cash: '0', realized: '0', fees: '0' };
  }

  private requireBook(bookId: BookId): BookRow {
    const row = this.stmts.book.get(bookId) as BookRow | undefined;
    if (row === undefined) throw new Error(`ledger: no book '${bookId}'`);
    return row;
  }

  private recordUnsafe(input: LedgerFillInput): { fill: FillView; duplicate: boolean } {
    const where = `fill ${input.fillId}`;
    if (this.stmts.fillExists.get(input.bookId, input.fillId) !== undefined) {
      const existing = this.fillById(input.bookId, input.fillId);
      if (existing === null) throw new Error(`ledger: ${where} vanished`);
      return { fill: existing, duplicate: true };
    }
    const book = this.requireBook(input.bookId);
    const { base, quote } = splitSymbol(input.symbol);
    // A pair quoted in another currency (ETH/BTC in a USDT book) moves that currency's cash.
    const own = quote === book.quote_asset;
    const account = own ? book : this.foreignAccount(input.bookId, quote);
    const qty = qtyOf(input.qty, `${where} qty`);
    const price = priceOf(input.price, `${where} price`);
    if (qty <= 0n) throw new Error(`ledger: ${where}: qty must be positive, got ${input.qty}`);
    if (price <= 0n)
      throw new Error(`ledger: ${where}: price must be positive, got ${input.price}`);
    const notional = notionalOf(qty, price);

    let cash = moneyOf(account.cash, 'cash');
    const pos = this.stmts.position.get(input.bookId, input.symbol) as PositionRow | undefined;
    let posQty = pos ? qtyOf(pos.qty, 'position qty') : 0n;
    let posCost = pos ? moneyOf(pos.cost, 'position cost') : 0n;
    let posRealized = pos ? moneyOf(pos.realized, 'position realized') : 0n;
    let posFees = pos ? moneyOf(pos.fees, 'position fees') : 0n;

    // The trade itself: cash moves by the notional, lots absorb it.
    const trade = this.applyTrade(input, input.side, qty, price);
    cash += input.side === 'buy' ? -notional : notional;
    posQty += input.side === 'buy' ? qty : -qty;
    posCost += trade.costDelta;
    let realized = trade.realized;

    // The fee, in the asset the venue charged it in.
    let feeQuote: bigint;
    if (input.feeAsset === quote) {
      feeQuote = moneyOf(input.fee, `${where} fee`);
      cash -= feeQuote;
    } else if (input.feeAsset === base) {
      // A base-asset fee is base the account no longer holds: it leaves the position as if
      // sold at the fill price, and that value is the fee. Cash does not move.
      const feeQty = qtyOf(input.fee, `${where} fee`);
      feeQuote = notionalOf(feeQty, price);
      if (feeQty > 0n) {
        const out = this.applyTrade(input, 'sell', feeQty, price);
        posQty -= feeQty;
        posCost += out.costDelta;
        realized += out.realized;
      }
    } else {
      throw new Error(
        `ledger: ${where}: fee in ${input.feeAsset} is neither base nor quote of ${input.symbol}; not supported`,
      );
    }
    if (feeQuote < 0n) throw new Error(`ledger: ${where}: negative fee ${input.fee}`);
    posRealized += realized;
    posFees += feeQuote;

    const bookRealized = moneyOf(account.realized, 'realized') + realized;
    const bookFees = moneyOf(account.fees, 'fees') + feeQuote;
    if (own)
      this.stmts.updateBook.run(
        moneyText(cash),
        moneyText(bookRealized),
        moneyText(bookFees),
        input.bookId,
      );
    else
      this.stmts.upsertForeign.run(
        input.bookId,
        quote,
        moneyText(cash),
        moneyText(bookRealized),
        moneyText(bookFees),
      );
    this.stmts.upsertPosition.run(
      input.bookId,
      input.symbol,
      qtyText(posQty),
      moneyText(posCost),
      moneyText(posRealized),
      moneyText(posFees),
    );
    this.stmts.insertFill.run(
      input.bookId,
      input.fillId,
      input.clientOrderId,
      input.symbol,
      input.side,
      qtyText(qty),
      priceText(price),
      moneyText(notional),
      input.fee,
      input.feeAsset,
      moneyText(feeQuote),
      input.liquidity,
      moneyText(realized),
      input.at,
    );
    const seen = this.fillsSeen.get(input.bookId);
    if (seen !== undefined) this.fillsSeen.set(input.bookId, seen + 1);
    if (!own) {
      // Valued as the book's equity is, at the marks of this moment; kept for reports.
      const rate = rateAt(quote, book.quote_asset, this.marks(input.bookId), input.at);
      if (rate !== null) recordFillRate(this.db, input.bookId, input.fillId, rate);
    }
    this.sampleEquity(input.bookId, input.at, 'fill', input.fillId);
    // The fill's price is a real trade at its time: the position has a mark from its first fill,
    // not only from the next bar close (hours away on a 4h market). Written after the fill's
    // sample, which values the book at the market's marks of the moment before (a first fill's
    // position at its cost, which is the fill price): what the entry paid to cross the market
    // shows against the market, not against our own price.
    this.stmts.observeMark.run(input.bookId, input.symbol, priceText(price), input.at);
    const fill = this.fillById(input.bookId, input.fillId);
    if (fill === null) throw new Error(`ledger: ${where} not readable after insert`);
    return { fill, duplicate: false };
  }

  /**
   * FIFO: a trade first closes open lots of the opposite direction (oldest first), booking
   * realized PnL per closed piece; what is left opens a new lot. Returns the change in the
   * position's signed cost and the realized PnL.
   */
  private applyTrade(
    input: LedgerFillInput,
    side: 'buy' | 'sell',
    qty: bigint,
    price: bigint,
  ): { costDelta: bigint; realized: bigint } {
    const closing: 'long' | 'short' = side === 'buy' ? 'short' : 'long';
    let left = qty;
    let costDelta = 0n;
    let realized = 0n;
    const lots = this.stmts.openLots.all(input.bookId, input.symbol) as LotRow[];
    for (const lot of lots) {
      if (left === 0n) break;
      if (lot.direction !== closing) continue;
      const remaining = qtyOf(lot.qty_remaining, `lot ${lot.lot_id}`);
      const take = remaining < left ? remaining : left;
      const openPrice = priceOf(lot.open_price, `lot ${lot.lot_id}`);
      const basis = notionalOf(take, openPrice);
      const proceeds = notionalOf(take, price);
      const pnl = closing === 'long' ? proceeds - basis : basis - proceeds;
      // A long lot's cost is positive, a short lot's negative; closing removes it.
      costDelta += closing === 'long' ? -basis : basis;
      realized += pnl;
      const rest = remaining - take;
      this.stmts.updateLot.run(qtyText(rest), rest === 0n ? 0 : 1, lot.lot_id);
      this.stmts.insertClose.run(
        input.bookId,
        lot.lot_id,
        input.fillId,
        input.at,
        qtyText(take),
        priceText(price),
        moneyText(basis),
        moneyText(proceeds),
        moneyText(pnl),
      );
      left -= take;
    }
    if (left > 0n) {
      const direction = side === 'buy' ? 'long' : 'short';
      const cost = notionalOf(left, price);
      costDelta += direction === 'long' ? cost : -cost;
      this.stmts.insertLot.run(
        input.bookId,
        input.symbol,
        direction,
        input.fillId,
        input.at,
        priceText(price),
        qtyText(left),
        qtyText(left),
      );
    }
    return { costDelta, realized };
  }
}
