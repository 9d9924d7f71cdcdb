import type { Database, Statement } from 'better-sqlite3';
import type {
  BookId,
  EquitySample,
  FillView,
  PositionView,
} from '../../../src-shared/domain/order';
import type {
  BookSummary,
  CurrentRate,
  FillRateView,
  ForeignCash,
  LedgerReader,
  LotCloseView,
  LotView,
  TimeRange,
} from './ledger-types';
import { quoteOf, valueBook, type ValuedPosition } from './book-value';
import { rateAt, readFillRates } from './fill-rates';
import { averagePrice, moneyOf, moneyText, notionalOf, priceOf, priceText, qtyOf } from './money';

/** A ledger_fills row as SQLite returns it. */
export interface FillRow {
  book_id: string;
  fill_id: string;
  client_order_id: string;
  symbol: string;
  side: 'buy' | 'sell';
  qty: string;
  price: string;
  notional: string;
  fee: string;
  fee_asset: string;
  fee_quote: string;
  liquidity: 'maker' | 'taker';
  realized: string;
  at: number;
}

const rangeSql = (column: string, range: TimeRange | undefined, params: unknown[]): string => {
  let sql = '';
  if (range?.from !== undefined) {
    sql += ` AND ${column} >= ?`;
    params.push(range.from);
  }
  if (range?.to !== undefined) {
    sql += ` AND ${column} < ?`;
    params.push(range.to);
  }
  if (range?.symbol !== undefined) {
    sql += ' AND symbol = ?';
    params.push(range.symbol);
  }
  return sql;
};

function toFillView(r: FillRow): FillView {
  return {
    bookId: r.book_id as BookId,
    fillId: r.fill_id,
    clientOrderId: r.client_order_id,
    symbol: r.symbol,
    side: r.side,
    qty: r.qty,
    price: r.price,
    notional: r.notional,
    fee: r.fee,
    feeAsset: r.fee_asset,
    feeQuote: r.fee_quote,
    liquidity: r.liquidity,
    realizedPnl: r.realized,
    at: r.at,
  };
}

interface PositionCost {
  symbol: string;
  cost: string;
}

/** Summed cost of the open positions quoted in `asset`. */
function costIn(costs: readonly PositionCost[], asset: string): bigint {
  return costs
    .filter((c) => quoteOf(c.symbol) === asset)
    .reduce((sum, c) => sum + moneyOf(c.cost, 'cost'), 0n);
}

/** Queries over the ledger tables. Every query is filtered by one book id. */
export class LedgerReadModel implements LedgerReader {
  private readonly sampleListeners = new Set<(sample: EquitySample) => void>();
  private readonly insertEquity: Statement;
  private readonly fillByIdStmt: Statement;
  private readonly fillsOfOrderStmt: Statement;
  private readonly bookStmt: Statement;
  private readonly fillCountStmt: Statement;
  private readonly costsStmt: Statement;
  private readonly foreignStmt: Statement;
  private readonly marksStmt: Statement;
  private readonly latestMarkStmt: Statement;
  private readonly positionsStmt: Statement;
  private readonly valuedStmt: Statement;
  private readonly holdsStmt: Statement;

  constructor(protected readonly db: Database) {
    this.insertEquity = db.prepare(
      `INSERT OR IGNORE INTO ledger_equity (book_id, at, cause, ref, equity, cash, unrealized, realized, fees)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.fillByIdStmt = db.prepare('SELECT * FROM ledger_fills WHERE book_id = ? AND fill_id = ?');
    this.bookStmt = db.prepare(
      'SELECT quote_asset, starting_balance, cash, realized, fees FROM ledger_books WHERE book_id = ?',
    );
    this.fillCountStmt = db.prepare('SELECT COUNT(*) AS n FROM ledger_fills WHERE book_id = ?');
    this.costsStmt = db.prepare('SELECT symbol, cost FROM ledger_positions WHERE book_id = ?');
    this.foreignStmt = db.prepare(
      'SELECT asset, cash, realized, fees FROM ledger_cash WHERE book_id = ? ORDER BY asset',
    );
    this.marksStmt = db.prepare('SELECT symbol, price FROM ledger_marks WHERE book_id = ?');
    this.latestMarkStmt = db.prepare('SELECT MAX(at) AS at FROM ledger_marks WHERE book_id = ?');
    this.positionsStmt = db.prepare(
      `SELECT p.symbol, p.qty, p.cost, p.realized, p.fees, m.price AS mark
       FROM ledger_positions p LEFT JOIN ledger_marks m ON m.book_id = p.book_id AND m.symbol = p.symbol
       WHERE p.book_id = ? ORDER BY p.symbol`,
    );
    // What an equity sample values (sampled on every bar): the positions' symbol, qty, cost and
    // mark only, without the average price and unrealized text positions() formats for a view.
    this.valuedStmt = db.prepare(
      `SELECT p.symbol, p.qty, p.cost, m.price AS markPrice
       FROM ledger_positions p LEFT JOIN ledger_marks m ON m.book_id = p.book_id AND m.symbol = p.symbol
       WHERE p.book_id = ? ORDER BY p.symbol`,
    );
    this.holdsStmt = db.prepare('SELECT 1 FROM ledger_positions WHERE book_id = ? AND symbol = ?');
    this.fillsOfOrderStmt = db.prepare(
      'SELECT * FROM ledger_fills WHERE book_id = ? AND client_order_id = ? ORDER BY seq',
    );
  }

  /** Called with every new equity sample (inside the writing transaction). */
  onEquitySample(listener: (sample: EquitySample) => void): () => void {
    this.sampleListeners.add(listener);
    return () => this.sampleListeners.delete(listener);
  }

  book(bookId: BookId): BookSummary | null {
    return this.bookWith(bookId, () => this.positionCosts(bookId));
  }

  /** The book's summary, its positions' costs read by `costs` (only if the book exists). */
  private bookWith(bookId: BookId, costs: () => readonly PositionCost[]): BookSummary | null {
    const row = this.bookStmt.get(bookId) as
      | {
          quote_asset: string;
          starting_balance: string;
          cash: string;
          realized: string;
          fees: string;
        }
      | undefined;
    if (row === undefined) return null;
    // In the book's own currency only: a pair quoted in BTC has its cost in BTC (foreignCash).
    const positionsCost = costIn(costs(), row.quote_asset);
    return {
      bookId,
      quoteAsset: row.quote_asset,
      startingBalance: row.starting_balance,
      cash: row.cash,
      realizedPnl: row.realized,
      fees: row.fees,
      positionsCost: moneyText(positionsCost),
    };
  }

  /**
   * Cash, realized PnL and fees held in currencies other than the book's own (from pairs quoted
   * in them), with the cost of the positions quoted there: per currency, cash + positionsCost
   * == transfers + realized - fees.
   */
  foreignCash(bookId: BookId): ForeignCash[] {
    return this.foreignCashWith(bookId, () => this.positionCosts(bookId));
  }

  private foreignCashWith(bookId: BookId, costs: () => readonly PositionCost[]): ForeignCash[] {
    const rows = this.foreignStmt.all(bookId) as Array<{
      asset: string;
      cash: string;
      realized: string;
      fees: string;
    }>;
    if (rows.length === 0) return [];
    // One read of the positions' costs for every currency (equity is sampled on every bar).
    const read = costs();
    return rows.map((r) => ({
      asset: r.asset,
      cash: r.cash,
      realizedPnl: r.realized,
      fees: r.fees,
      positionsCost: moneyText(costIn(read, r.asset)),
    }));
  }

  private positionCosts(bookId: BookId): PositionCost[] {
    return this.costsStmt.all(bookId) as PositionCost[];
  }

  /** The latest mark of every symbol the book has seen, at the ledger's price scale. */
  marks(bookId: BookId): Map<string, bigint> {
    const rows = this.marksStmt.all(bookId) as Array<{ symbol: string; price: string }>;
    return new Map(rows.map((r) => [r.symbol, priceOf(r.price, `mark ${r.symbol}`)]));
  }

  fillRates(bookId: BookId, range?: TimeRange): FillRateView[] {
    return readFillRates(this.db, bookId, range);
  }

  currentRate(bookId: BookId, asset: string): CurrentRate | null {
    const book = this.book(bookId);
    if (book === null) throw new Error(`ledger: no book '${bookId}'`);
    const marks = this.marks(bookId);
    const at = (this.latestMarkStmt.get(bookId) as { at: number | null }).at;
    return rateAt(asset, book.quoteAsset, marks, at ?? 0);
  }

  fills(bookId: BookId, range?: TimeRange): FillView[] {
    const params: unknown[] = [bookId];
    const sql = `SELECT * FROM ledger_fills WHERE book_id = ?${rangeSql('at', range, params)} ORDER BY seq`;
    return (this.db.prepare(sql).all(...params) as FillRow[]).map(toFillView);
  }

  fillCount(bookId: BookId): number {
    return (this.fillCountStmt.get(bookId) as { n: number }).n;
  }

  fillById(bookId: BookId, fillId: string): FillView | null {
    const row = this.fillByIdStmt.get(bookId, fillId) as FillRow | undefined;
    return row === undefined ? null : toFillView(row);
  }

  fillsOfOrder(bookId: BookId, clientOrderId: string): FillView[] {
    return (this.fillsOfOrderStmt.all(bookId, clientOrderId) as FillRow[]).map(toFillView);
  }

  positions(bookId: BookId): PositionView[] {
    const rows = this.positionsStmt.all(bookId) as Array<{
      symbol: string;
      qty: string;
      cost: string;
      realized: string;
      fees: string;
      mark: string | null;
    }>;
    return rows.map((r) => {
      const qty = qtyOf(r.qty, 'position qty');
      const cost = moneyOf(r.cost, 'position cost');
      const avg = averagePrice(cost, qty);
      const unrealized = r.mark === null ? null : notionalOf(qty, priceOf(r.mark, 'mark')) - cost;
      return {
        bookId,
        symbol: r.symbol,
        qty: r.qty,
        avgEntryPrice: avg === null ? null : priceText(avg),
        cost: r.cost,
        markPrice: r.mark,
        unrealizedPnl: unrealized === null ? null : moneyText(unrealized),
        realizedPnl: r.realized,
        fees: r.fees,
      };
    });
  }

  /** Whether the book has a position row for `symbol` (any of positions()'s, flat ones too). */
  holdsPosition(bookId: BookId, symbol: string): boolean {
    return this.holdsStmt.get(bookId, symbol) !== undefined;
  }

  openLots(bookId: BookId, symbol?: string): LotView[] {
    const params: unknown[] = [bookId];
    const sql = `SELECT * FROM ledger_lots WHERE book_id = ? AND open = 1${symbol === undefined ? '' : ' AND symbol = ?'} ORDER BY lot_id`;
    if (symbol !== undefined) params.push(symbol);
    return (
      this.db.prepare(sql).all(...params) as Array<{
        lot_id: number;
        symbol: string;
        direction: 'long' | 'short';
        open_fill_id: string;
        opened_at: number;
        open_price: string;
        qty_opened: string;
        qty_remaining: string;
      }>
    ).map((r) => ({
      bookId,
      lotId: r.lot_id,
      symbol: r.symbol,
      direction: r.direction,
      openFillId: r.open_fill_id,
      openedAt: r.opened_at,
      openPrice: r.open_price,
      qtyOpened: r.qty_opened,
      qtyRemaining: r.qty_remaining,
    }));
  }

  lotCloses(bookId: BookId, range?: TimeRange): LotCloseView[] {
    const params: unknown[] = [bookId];
    const sql = `SELECT c.*, l.symbol, l.direction, l.open_fill_id, l.opened_at, l.open_price
      FROM ledger_lot_closes c JOIN ledger_lots l ON l.lot_id = c.lot_id
      WHERE c.book_id = ?${rangeSql('c.closed_at', range, params).replace(' AND symbol', ' AND l.symbol')} ORDER BY c.seq`;
    return (
      this.db.prepare(sql).all(...params) as Array<{
        lot_id: number;
        symbol: string;
        direction: 'long' | 'short';
        open_fill_id: string;
        close_fill_id: string;
        opened_at: number;
        closed_at: number;
        qty: string;
        open_price: string;
        close_price: string;
        cost_basis: string;
        proceeds: string;
        realized: string;
      }>
    ).map((r) => ({
      bookId,
      lotId: r.lot_id,
      symbol: r.symbol,
      direction: r.direction,
      openFillId: r.open_fill_id,
      closeFillId: r.close_fill_id,
      openedAt: r.opened_at,
      closedAt: r.closed_at,
      qty: r.qty,
      openPrice: r.open_price,
      closePrice: r.close_price,
      costBasis: r.cost_basis,
      proceeds: r.proceeds,
      realizedPnl: r.realized,
    }));
  }

  equitySamples(bookId: BookId, range?: TimeRange): EquitySample[] {
    const params: unknown[] = [bookId];
    const sql = `SELECT * FROM ledger_equity WHERE book_id = ?${rangeSql('at', { ...range, symbol: undefined }, params)} ORDER BY seq`;
    return (
      this.db.prepare(sql).all(...params) as Array<{
        at: number;
        cause: 'fill' | 'bar';
        equity: string;
        cash: string;
        unrealized: string;
        realized: string;
        fees: string;
      }>
    ).map((r) => ({
      bookId,
      at: r.at,
      equity: r.equity,
      cash: r.cash,
      unrealizedPnl: r.unrealized,
      realizedPnl: r.realized,
      fees: r.fees,
      cause: r.cause,
    }));
  }

  /**
   * Values the book at the latest marks (a position without a mark counts at cost), in the
   * book's currency: cash and positions quoted in another currency through that currency's
   * rate (conversion.ts). No sample when a needed rate is missing: equity is never guessed.
   */
  protected sampleEquity(
    bookId: BookId,
    at: number,
    cause: 'fill' | 'bar',
    ref: string,
  ): EquitySample | null {
    // Sampled on every bar: the positions are read once, and their costs are the ones the
    // book's summary and its other currencies sum (the same ledger_positions rows); the marks
    // are read only when a position or a currency needs converting.
    const positions = this.valuedStmt.all(bookId) as ValuedPosition[];
    const book = this.bookWith(bookId, () => positions);
    if (book === null) throw new Error(`ledger: no book '${bookId}'`);
    const value = valueBook(
      book,
      positions,
      this.foreignCashWith(bookId, () => positions),
      () => this.marks(bookId),
    );
    if (value === null) return null;
    const sample: EquitySample = {
      bookId,
      at,
      equity: moneyText(value.equity),
      cash: book.cash,
      unrealizedPnl: moneyText(value.unrealized),
      realizedPnl: moneyText(value.realized),
      fees: moneyText(value.fees),
      cause,
    };
    const result = this.insertEquity.run(
      bookId,
      at,
      cause,
      ref,
      sample.equity,
      sample.cash,
      sample.unrealizedPnl,
      sample.realizedPnl,
      sample.fees,
    );
    if (result.changes === 0) return null;
    for (const listener of this.sampleListeners) listener(sample);
    return sample;
  }
}
