import { spreadBps, type Quote } from '../../../../src-shared/domain/market';
import type { FillView } from '../../../../src-shared/domain/order';
import type { ExecutionService } from '../../execution/execution-service';
import type { OrderRow } from '../../execution/order-store';
import type { MarketService } from '../../market/market-service';
import type { PanicMonitor } from './panic-monitor';

export interface SlippageFeedDeps {
  readonly panic: PanicMonitor;
  /** The order a fill belongs to (any book), or undefined. */
  readonly orderOf: (fill: FillView) => OrderRow | undefined;
  /** The latest live best bid/ask of a symbol (undefined on the replay). */
  readonly quote: (symbol: string) => Quote | undefined;
  readonly onError: (error: unknown) => void;
}

/**
 * The slippage panic's input: every fill of an order that takes liquidity at whatever the
 * market gives — a market order, a triggered stop — compared with the price it expected: the
 * quote's mid for a market order, the trigger for a stop, with half the quoted spread as the
 * slippage expected for crossing it. Limit fills cannot slip past their limit and are not fed.
 * Without a live quote (the replay) there is no price a market order could have expected, so
 * nothing is fed: replayed fills are the fill model's, not the market's.
 */
export function feedSlippage(deps: SlippageFeedDeps, fill: FillView): void {
  const order = deps.orderOf(fill);
  if (order === undefined || (order.type !== 'market' && order.type !== 'stop-market')) return;
  const quote = deps.quote(fill.symbol);
  if (quote === undefined) return;
  const mid = (quote.bid + quote.ask) / 2;
  const referencePrice =
    order.type === 'stop-market' && order.stop_price !== null ? Number(order.stop_price) : mid;
  try {
    deps.panic.fill({
      symbol: fill.symbol,
      side: fill.side,
      referencePrice,
      fillPrice: Number(fill.price),
      expectedBps: spreadBps(quote) / 2,
    });
  } catch (error) {
    deps.onError(error);
  }
}

/**
 * The stale-quote panic's input, at every heartbeat while quotes are expected (live prices
 * play and the feed has been LIVE long enough): the symbols held in any book. On the replay no
 * market has live quotes and nothing is checked.
 */
export function checkStaleQuotes(
  panic: PanicMonitor,
  quotesExpected: boolean,
  held: () => Iterable<string>,
  now: number,
): void {
  if (!quotesExpected) return;
  panic.checkStale(held(), now);
}

/** The latest live best bid/ask of a symbol on any connection (none on the replay). */
export function latestQuote(market: MarketService, symbol: string): Quote | undefined {
  for (const state of market.connectionStates().values()) {
    const quote = state.quotes.find((q) => q.symbol === symbol);
    if (quote !== undefined) return quote;
  }
  return undefined;
}

/**
 * Whether every held symbol should have a fresh quote now: live prices play, and the feed has
 * been LIVE for longer than the stale-quote limit (a fresh start waits for its first quotes
 * instead of calling their absence a panic).
 */
export function quotesExpected(market: MarketService, staleQuoteMs: number, now: number): boolean {
  if (market.connectionStates().size === 0) return false;
  const feed = market.status();
  return feed.state === 'LIVE' && now - feed.since >= staleQuoteMs;
}

/** Symbols with a position in any book (paper or live). */
export function heldSymbols(execution: ExecutionService): Set<string> {
  const held = new Set<string>();
  for (const book of execution.allBooks()) {
    for (const p of execution.ledger.positions(book.bookId)) if (p.qty !== '0') held.add(p.symbol);
  }
  return held;
}
