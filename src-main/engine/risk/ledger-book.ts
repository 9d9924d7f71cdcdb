import type { BookId } from '../../../src-shared/domain/order';
import type { OrderRow } from '../execution/order-store';
import type { LedgerReadModel } from '../ledger/ledger-read-model';
import type { BookSnapshot } from './risk-guard';
import type { Exposure } from './risk-types';

export interface LedgerBookDeps {
  readonly ledger: LedgerReadModel;
  readonly bookId: BookId;
  /** Non-final orders of the book (the executor's order store). */
  readonly openOrders: () => readonly OrderRow[];
  /** Current mark, or null when the symbol has none yet (in the symbol's quote). */
  readonly mark: (symbol: string) => number | null;
  /**
   * Value of one unit of `asset` in the book's currency (1 for the book's own), or null when
   * no market links them. Default: only the book's own currency can be valued.
   */
  readonly rate?: (asset: string) => number | null;
  readonly now: () => number;
  /** How far back a losing trade matters (the cooldown). */
  readonly lookbackMs: () => number;
}

/** A position or working order that cannot be valued at a mark: the gate must refuse, not guess. */
export class UnvaluedExposureError extends Error {
  constructor(symbol: string, why = `no mark price for ${symbol}`) {
    super(`${why}; exposure cannot be valued`);
    this.name = 'UnvaluedExposureError';
  }
}

/** The quote currency of a `BASE/QUOTE` symbol. */
function quoteOf(symbol: string): string {
  return symbol.slice(symbol.indexOf('/') + 1);
}

/**
 * The book as the risk gate sees it, from the ledger and the executor's orders, valued at mark
 * in the book's currency (a pair quoted in BTC through BTC's rate): equity = cash + cash held
 * in other currencies + sum(qty x mark); a position's stop is its resting protective stop when those
 * cover the whole position (else it risks its whole notional); working entries count as if
 * filled, with their bracket stop.
 */
export function ledgerBookSnapshot(deps: LedgerBookDeps): BookSnapshot {
  const book = deps.ledger.book(deps.bookId);
  if (book === null) throw new Error(`risk: ledger book ${deps.bookId} is missing`);
  const rateOf = (asset: string): number => {
    const rate = asset === book.quoteAsset ? 1 : (deps.rate?.(asset) ?? null);
    if (rate === null || !Number.isFinite(rate) || rate <= 0)
      throw new UnvaluedExposureError(asset, `no ${asset} rate in ${book.quoteAsset}`);
    return rate;
  };
  // Everything the gate sees is in the book's currency: a BTC-quoted mark times BTC's rate.
  const toBook = (symbol: string, price: number): number => price * rateOf(quoteOf(symbol));
  const markOf = (symbol: string): number => {
    const mark = deps.mark(symbol);
    if (mark === null || !Number.isFinite(mark) || mark <= 0)
      throw new UnvaluedExposureError(symbol);
    return toBook(symbol, mark);
  };
  const orders = deps.openOrders();
  const stops = new Map<string, { qty: number; worst: number; side: 'buy' | 'sell' }[]>();
  const workingEntries: Exposure[] = [];
  for (const o of orders) {
    const remaining = Number(o.qty) - Number(o.filled_qty);
    if (!(remaining > 0)) continue;
    const isStop = o.type === 'stop-market' || o.type === 'stop-limit';
    if (
      isStop &&
      (o.reduce_only === 1 || o.bracket_role === 'stop-loss') &&
      o.stop_price !== null
    ) {
      const list = stops.get(o.symbol) ?? [];
      list.push({ qty: remaining, worst: toBook(o.symbol, Number(o.stop_price)), side: o.side });
      stops.set(o.symbol, list);
      continue;
    }
    if (o.reduce_only === 1 || o.bracket_role === 'take-profit') continue;
    workingEntries.push({
      symbol: o.symbol,
      qty: o.side === 'buy' ? remaining : -remaining,
      mark: o.price !== null ? toBook(o.symbol, Number(o.price)) : markOf(o.symbol),
      ...(o.bracket_stop !== null ? { stopPrice: toBook(o.symbol, Number(o.bracket_stop)) } : {}),
    });
  }
  let equity = Number(book.cash);
  // Cash held in other currencies (from pairs quoted in them) counts at its rate.
  for (const f of deps.ledger.foreignCash(deps.bookId)) {
    const cash = Number(f.cash);
    if (cash !== 0) equity += cash * rateOf(f.asset);
  }
  const positions: Exposure[] = [];
  for (const p of deps.ledger.positions(deps.bookId)) {
    const qty = Number(p.qty);
    if (qty === 0) continue;
    const mark = markOf(p.symbol);
    equity += qty * mark;
    const protective = (stops.get(p.symbol) ?? []).filter((s) =>
      qty > 0 ? s.side === 'sell' : s.side === 'buy',
    );
    const covered = protective.reduce((n, s) => n + s.qty, 0) >= Math.abs(qty);
    // The farthest stop is the one that loses most: conservative when several rest.
    const stop = covered
      ? protective.reduce(
          (w, s) => (qty > 0 ? Math.min(w, s.worst) : Math.max(w, s.worst)),
          qty > 0 ? Infinity : -Infinity,
        )
      : undefined;
    positions.push({
      symbol: p.symbol,
      qty,
      mark,
      ...(stop !== undefined ? { stopPrice: stop } : {}),
    });
  }
  const since = deps.now() - deps.lookbackMs();
  const closes = deps.ledger.lotCloses(deps.bookId, { from: since });
  let lastLossAt: number | null = null;
  for (const c of closes)
    if (Number(c.realizedPnl) < 0 && (lastLossAt === null || c.closedAt > lastLossAt))
      lastLossAt = c.closedAt;
  return { equity, positions, workingEntries, lastLossAt, at: deps.now() };
}
