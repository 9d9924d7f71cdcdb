import type {
  BookId,
  EquitySample,
  FillView,
  Liquidity,
  OrderSide,
  PositionView,
} from '../../../src-shared/domain/order';

export type {
  BookId,
  EquitySample,
  FillView,
  PositionView,
} from '../../../src-shared/domain/order';

/**
 * Public types of the ledger. All money values are canonical decimal strings (exact); every
 * row carries its book id, and no query ever mixes two books.
 */

/** A fill as handed to the ledger (by the executor, from the venue). */
export interface LedgerFillInput {
  readonly bookId: BookId;
  readonly fillId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly qty: string;
  readonly price: string;
  /** Fee in the asset it was charged in. */
  readonly fee: string;
  readonly feeAsset: string;
  readonly liquidity: Liquidity;
  readonly at: number;
}

/** An open FIFO lot: what is left of one opening fill. */
export interface LotView {
  readonly bookId: BookId;
  readonly lotId: number;
  readonly symbol: string;
  readonly direction: 'long' | 'short';
  readonly openFillId: string;
  readonly openedAt: number;
  readonly openPrice: string;
  readonly qtyOpened: string;
  readonly qtyRemaining: string;
}

/** One (part of a) lot closed by a later fill: a trade with its FIFO cost basis. */
export interface LotCloseView {
  readonly bookId: BookId;
  readonly lotId: number;
  readonly symbol: string;
  readonly direction: 'long' | 'short';
  readonly openFillId: string;
  readonly closeFillId: string;
  readonly openedAt: number;
  readonly closedAt: number;
  readonly qty: string;
  readonly openPrice: string;
  readonly closePrice: string;
  /** Quote cost of the closed quantity at the open price. */
  readonly costBasis: string;
  /** Quote value of the closed quantity at the close price. */
  readonly proceeds: string;
  /** Gross realized PnL (fees are separate, per fill). */
  readonly realizedPnl: string;
}

/** The book's money totals. Identity: cash + sum(position cost) == starting + realized - fees. */
export interface BookSummary {
  readonly bookId: BookId;
  readonly quoteAsset: string;
  readonly startingBalance: string;
  readonly cash: string;
  readonly realizedPnl: string;
  /** Sum of fees valued in quote. */
  readonly fees: string;
  /** Sum of open position costs. */
  readonly positionsCost: string;
}

/** Money the book holds in a currency other than its own, in that currency. */
export interface ForeignCash {
  readonly asset: string;
  readonly cash: string;
  readonly realizedPnl: string;
  readonly fees: string;
  /** Cost of the open positions quoted in this currency. */
  readonly positionsCost: string;
}

/**
 * The rate of a fill's quote currency into the book's own at the fill's time, from the ledger's
 * marks then: 1 unit of `asset` = num / den units of the book's currency (exact integers).
 */
export interface FillRateView {
  readonly fillId: string;
  readonly asset: string;
  readonly num: string;
  readonly den: string;
  /** The markets the rate went through, in order (e.g. ["BTC/USDT"]). */
  readonly via: readonly string[];
  readonly at: number;
}

/** An asset's rate into the book's currency at the latest marks, as a fill would record it. */
export type CurrentRate = Omit<FillRateView, 'fillId'>;

export interface TimeRange {
  /** Inclusive, epoch ms. */
  readonly from?: number;
  /** Exclusive, epoch ms. */
  readonly to?: number;
  readonly symbol?: string;
}

/** Read side of the ledger, for reports and the UI. */
export interface LedgerReader {
  book(bookId: BookId): BookSummary | null;
  fills(bookId: BookId, range?: TimeRange): FillView[];
  positions(bookId: BookId): PositionView[];
  openLots(bookId: BookId, symbol?: string): LotView[];
  lotCloses(bookId: BookId, range?: TimeRange): LotCloseView[];
  equitySamples(bookId: BookId, range?: TimeRange): EquitySample[];
  /** Rates recorded with fills quoted in another currency than the book's. */
  fillRates(bookId: BookId, range?: TimeRange): FillRateView[];
  /** `asset` in the book's currency at the latest marks; null when no market links them. */
  currentRate(bookId: BookId, asset: string): CurrentRate | null;
}
