import { describe, expect, it } from 'vitest';
import type { FillView } from '../../../../../src-shared/domain/order';
import type { OrderRow } from '../../../../../src-main/engine/execution/order-store';
import type { MarketService } from '../../../../../src-main/engine/market/market-service';
import {
  checkStaleQuotes,
  feedSlippage,
  quotesExpected,
} from '../../../../../src-main/engine/risk/panic/panic-feeds';
import { PanicMonitor } from '../../../../../src-main/engine/risk/panic/panic-monitor';
import type { PanicAlarm } from '../../../../../src-main/engine/risk/panic/panic-types';
import { RiskConfigSchema } from '../../../../../src-shared/domain/risk-config';

const config = RiskConfigSchema.parse({ timeZone: 'UTC' });
const quote = {
  exchange: 'binance',
  symbol: 'BTC/USDT',
  bid: 6400,
  ask: 6401,
  bidSize: 1,
  askSize: 1,
  at: 0,
};

function monitor(): { panic: PanicMonitor; alarms: PanicAlarm[] } {
  const alarms: PanicAlarm[] = [];
  return {
    panic: new PanicMonitor(
      () => config,
      (a) => alarms.push(a),
    ),
    alarms,
  };
}

const fill = (price: string): FillView =>
  ({
    bookId: 'live:binance',
    clientOrderId: 'c1',
    symbol: 'BTC/USDT',
    side: 'buy',
    price,
  }) as FillView;
const order = (type: OrderRow['type'], stop: string | null = null): OrderRow =>
  ({ type, stop_price: stop }) as OrderRow;

describe('panic feeds', () => {
  it('slippage: a market fill is compared with the quote mid, a stop fill with its trigger', () => {
    const m = monitor();
    const deps = {
      panic: m.panic,
      quote: () => quote,
      onError: (e: unknown) => {
        throw e;
      },
    };
    feedSlippage({ ...deps, orderOf: () => order('market') }, fill('6401'));
    expect(m.alarms).toEqual([]);
    feedSlippage({ ...deps, orderOf: () => order('market') }, fill('6500'));
    expect(m.alarms.map((a) => a.detector)).toEqual(['slippage']);
    feedSlippage({ ...deps, orderOf: () => order('stop-market', '6600') }, fill('6601'));
    expect(m.alarms).toHaveLength(1);
    // Limit fills cannot slip past their limit; replay fills have no quote to expect from.
    feedSlippage({ ...deps, orderOf: () => order('limit') }, fill('9000'));
    feedSlippage({ ...deps, quote: () => undefined, orderOf: () => order('market') }, fill('9000'));
    expect(m.alarms).toHaveLength(1);
  });

  it('stale quotes are checked only once live prices have been LIVE for the limit', () => {
    const market = (state: string, since: number, live = true): MarketService =>
      ({
        connectionStates: () => new Map(live ? [['main', {}]] : []),
        status: () => ({ state, since }),
      }) as unknown as MarketService;
    expect(quotesExpected(market('LIVE', 0), 30_000, 29_999)).toBe(false);
    expect(quotesExpected(market('LIVE', 0), 30_000, 30_000)).toBe(true);
    expect(quotesExpected(market('STALE', 0), 30_000, 90_000)).toBe(false);
    expect(quotesExpected(market('LIVE', 0, false), 30_000, 90_000)).toBe(false);
    const m = monitor();
    m.panic.quote('BTC/USDT', 6400, 6401, 1_000);
    checkStaleQuotes(m.panic, true, () => ['BTC/USDT'], 20_000);
    expect(m.alarms).toEqual([]);
    checkStaleQuotes(m.panic, false, () => ['BTC/USDT'], 100_000);
    expect(m.alarms).toEqual([]);
    checkStaleQuotes(m.panic, true, () => ['BTC/USDT'], 100_000);
    expect(m.alarms.map((a) => a.detector)).toEqual(['stale-quotes']);
  });
});
