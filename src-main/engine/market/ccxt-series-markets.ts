import type { Exchange } from 'ccxt';
import type { MarketSpec } from '../execution/broker';
import { marketSpecOf, spotMarketProblem } from './ccxt-markets';
import { FeedDataError } from './feed-errors';
import type { LiveSeries } from './live-series';

/**
 * Marks each series by the exchange's market list just loaded: a symbol no longer listed or
 * trading sits out with its reason (and resumes if it comes back). Throws when a timeframe is
 * not served at all, or when no series is left to serve.
 */
export function applyMarketList(exchange: Exchange, state: readonly LiveSeries[]): void {
  for (const s of state) {
    if (exchange.timeframes[s.key.timeframe] === undefined) {
      throw new FeedDataError(`${exchange.id} has no ${s.key.timeframe} candles`);
    }
    const problem = spotMarketProblem(exchange, s.key.symbol);
    if (problem !== null) {
      s.unlisted = problem;
      s.problem = problem;
    } else if (s.unlisted !== undefined) {
      s.unlisted = undefined;
      s.problem = undefined;
      s.nextPollAt = 0;
    }
  }
  if (state.every((s) => s.unlisted !== undefined)) {
    throw new FeedDataError(state.map((s) => s.unlisted).join('; '));
  }
}

/** The exchange's trading rules for each symbol with a usable market, once per symbol. */
export function marketSpecsFor(exchange: Exchange, state: readonly LiveSeries[]): MarketSpec[] {
  const specs = new Map<string, MarketSpec>();
  for (const s of state) {
    const result = marketSpecOf(exchange, s.key.symbol);
    if ('spec' in result) specs.set(s.key.symbol, result.spec);
  }
  return [...specs.values()];
}

/** A LIVE feed's reason: how it gets data, and which series it refuses or cannot serve. */
export function liveReason(
  transport: 'rest' | 'websocket',
  state: readonly LiveSeries[],
  streamProblem: string | undefined,
): string {
  const refused = state.filter((s) => s.problem !== undefined && s.unlisted === undefined);
  const unlisted = state.filter((s) => s.unlisted !== undefined);
  const n = state.length - refused.length - unlisted.length;
  const suffix =
    (refused.length === 0
      ? ''
      : `; refused ${refused.length} series for bad data: ${refused.map((s) => s.problem).join('; ')}`) +
    (unlisted.length === 0
      ? ''
      : `; ${unlisted.length} series not served: ${unlisted.map((s) => s.unlisted).join('; ')}`);
  if (transport === 'rest') return `polling ${n} series over REST${suffix}`;
  if (streamProblem !== undefined) {
    return `websocket reconnecting (${streamProblem}); polling ${n} series over REST meanwhile${suffix}`;
  }
  return `streaming ${n} series over websocket${suffix}`;
}
