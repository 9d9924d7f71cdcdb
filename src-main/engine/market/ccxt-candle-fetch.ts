import type { Candle } from '../../../src-shared/domain/candle';
import type { CcxtFeedOptions } from './ccxt-feed-options';
import { ohlcvToCandles } from './feed-errors';
import type { LiveSeries } from './live-series';
import { seriesId } from './market-feed';

/** What the REST candle requests of a live feed need from it. */
export interface CandleFetchContext {
  readonly options: CcxtFeedOptions;
  /** The exchange's own time, from a ticker: is its last candle sealed yet? */
  fetchTicker(symbol: string): Promise<number>;
  /** Takes valid candles into the series (stored; emitted as bar closes when `emit`). */
  accept(s: LiveSeries, candles: readonly Candle[], emit: boolean): void;
  markUpdate(): void;
}

/** Fills the series with its last `backfill` closed candles: store first, then pages. */
export async function backfillSeries(ctx: CandleFetchContext, s: LiveSeries): Promise<void> {
  const o = ctx.options;
  const lastClosed = s.lastClosedOpen(o.clock.now());
  const since = lastClosed - (o.backfill - 1) * s.tfMs;
  if (s.candles.length === 0 && o.store !== undefined) {
    const cached = o.store.window(s.key, { from: since, to: lastClosed, limit: o.backfill });
    ctx.accept(s, cached, false);
  }
  let from = s.candles.length > 0 ? (s.candles.at(-1) as Candle).openTime + s.tfMs : since;
  while (from <= lastClosed) {
    const page = o.pageLimit ?? 1000;
    const wanted = Math.min(page, (lastClosed - from) / s.tfMs + 1);
    const rows = await o.exchange.fetchOHLCV(s.key.symbol, s.key.timeframe, from, wanted);
    const closed = await closedOnly(ctx, s, ohlcvToCandles(seriesId(s.key), rows), lastClosed);
    if (closed.length === 0) break; // nothing more (a gap up to now, or not sealed yet)
    ctx.accept(s, closed, false);
    from = (closed.at(-1) as Candle).openTime + s.tfMs;
  }
  s.backfilled = true;
  s.nextPollAt = lastClosed + 2 * s.tfMs + (o.closeDelayMs ?? 2000);
  ctx.markUpdate();
}

/** Fetches candles closed since the last one and emits them as bar closes. */
export async function pollSeries(ctx: CandleFetchContext, s: LiveSeries): Promise<void> {
  const o = ctx.options;
  const lastClosed = s.lastClosedOpen(o.clock.now());
  const last = s.candles.at(-1)?.openTime;
  const from = last === undefined ? lastClosed : last + s.tfMs;
  if (from <= lastClosed) {
    const wanted = Math.min(o.pageLimit ?? 1000, (lastClosed - from) / s.tfMs + 1);
    const rows = await o.exchange.fetchOHLCV(s.key.symbol, s.key.timeframe, from, wanted);
    const closed = await closedOnly(ctx, s, ohlcvToCandles(seriesId(s.key), rows), lastClosed);
    if (closed.length > 0) {
      ctx.accept(s, closed, true);
      ctx.markUpdate();
    }
  }
  const caughtUp = (s.candles.at(-1)?.openTime ?? -Infinity) >= lastClosed;
  const delay = o.closeDelayMs ?? 2000;
  // Behind (more pages, or the exchange has not sealed the candle yet): poll again soon.
  s.nextPollAt = caughtUp ? lastClosed + 2 * s.tfMs + delay : o.clock.now() + delay;
}

/**
 * Keeps the candles the exchange itself has sealed. Our clock alone is not enough: an
 * exchange that lags (or has frozen) still has that candle open. A candle followed by
 * another in the same response is sealed; the last one only once the exchange's own time
 * (its ticker timestamp) has passed its close.
 */
async function closedOnly(
  ctx: CandleFetchContext,
  s: LiveSeries,
  rows: Candle[],
  lastClosed: number,
): Promise<Candle[]> {
  const closed = rows.filter((c) => c.openTime <= lastClosed);
  const last = closed.at(-1);
  if (last !== undefined && last === rows.at(-1)) {
    const exchangeTime = await ctx.fetchTicker(s.key.symbol);
    if (exchangeTime < last.openTime + s.tfMs) closed.pop();
  }
  return closed;
}
