import { describe, expect, it } from 'vitest';
import { boardOrder, isStale, STALE_AFTER_BARS } from '../../../../src-renderer/view/signal-age';
import type { SignalView } from '../../../../src-renderer/view/signal-view';
import type { Timeframe } from '../../../../src-shared/domain/candle';

const HOUR = 3_600_000;

function signal(symbol: string, timeframe: Timeframe, at: number, probability: number): SignalView {
  return {
    key: `x:${symbol}|${timeframe}`,
    instrument: `x:${symbol}`,
    exchange: 'x',
    symbol,
    timeframe,
    direction: 'long',
    tier: 'WATCH',
    probability,
    calibrated: false,
    evBps: 10,
    score: 20,
    tierSince: at,
    tierSinceKnown: true,
    at,
    reason: 'WATCH holds',
  };
}

describe('signal age', () => {
  it(`is stale after ${STALE_AFTER_BARS} of its own bars without a new one`, () => {
    const s = signal('ETH/USDT', '1h', 0, 0.6);
    expect(isStale(s, STALE_AFTER_BARS * HOUR)).toBe(false);
    expect(isStale(s, STALE_AFTER_BARS * HOUR + 1)).toBe(true);
    expect(isStale(s, null)).toBe(false);
  });

  it('puts fresh signals above stale ones, however good the stale ones were', () => {
    const now = 100 * HOUR;
    const january = signal('ETC/BTC', '15m', 0, 0.9);
    const fresh = signal('ETH/USDT', '1h', now - HOUR, 0.55);
    expect(boardOrder([january, fresh], '', now).map((s) => s.symbol)).toEqual([
      'ETH/USDT',
      'ETC/BTC',
    ]);
  });
});
