import type { Candle } from '../../src-shared/domain/candle';
import { loadCandles, makeRig, type ExecutionRig } from './execution-fixture';

const HOUR = 3_600_000;

export interface PaperSession {
  readonly rig: ExecutionRig;
  readonly bars: ReadonlyMap<string, readonly Candle[]>;
  /** Close of the last bar of `symbol` closed at or before `atMs` (a mark for reports). */
  markAt(symbol: string, atMs: number): string | undefined;
}

/**
 * A real paper session: the execution core's executor, paper broker and ledger replaying the
 * bundled Binance 1h candles (BTC/USDT and ETH/USDT, May 8 - June 18 2018). A moving-average
 * cross sends market orders: two entries, a half exit on the first weak bar (a partial close
 * across both lots), the rest on the cross down, and a flat exit on the last bar. Fills, fees,
 * lots and equity samples are the ledger's own.
 */
export async function runPaperSession(path = ':memory:'): Promise<PaperSession> {
  const bars = new Map<string, Candle[]>([
    ['BTC/USDT', loadCandles('binance_BTC-USDT_1h.csv')],
    ['ETH/USDT', loadCandles('binance_ETH-USDT_1h.csv')],
  ]);
  const lots: Record<string, number> = { 'BTC/USDT': 0.05, 'ETH/USDT': 0.5 };
  const first = bars.get('BTC/USDT')?.[0];
  if (first === undefined) throw new Error('no BTC candles');
  const rig = makeRig({ path, start: first.openTime, startingBalance: '10000' });
  const position = (symbol: string): number => {
    const p = rig.ledger.positions('paper').find((x) => x.symbol === symbol);
    return p === undefined ? 0 : Number(p.qty);
  };
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  const count = Math.min(...[...bars.values()].map((b) => b.length));
  for (let i = 0; i < count; i += 1) {
    const t = bars.get('BTC/USDT')?.[i]?.openTime ?? 0;
    rig.clock.advance(t + HOUR - rig.clock.now());
    for (const [symbol, series] of bars) {
      const bar = series[i];
      if (bar === undefined) continue;
      rig.broker.onBar(symbol, bar, '1h');
      rig.ledger.markBar('paper', symbol, rig.broker.lastPrice(symbol) ?? 'missing', bar.openTime);
    }
    await settle();
    for (const [symbol, series] of bars) {
      const bar = series[i];
      const prev = series[i - 1];
      if (bar === undefined || prev === undefined || i < 25) continue;
      const closes = series.slice(i - 24, i + 1).map((b) => b.close);
      const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
      const fast = avg(closes.slice(-6));
      const slow = avg(closes);
      const pos = position(symbol);
      const lot = lots[symbol] ?? 0;
      const order = async (side: 'buy' | 'sell', qty: number): Promise<void> => {
        await rig.executor.place(
          { symbol, side, type: 'market', qty: qty.toFixed(5).replace(/\.?0+$/, '') },
          'test:strategy',
        );
      };
      if (i === count - 2) {
        if (pos > 0) await order('sell', pos);
      } else if (i < count - 2 && pos === 0 && fast > slow * 1.002) {
        await order('buy', lot);
        if (bar.close > prev.close) await order('buy', lot / 2);
      } else if (i < count - 2 && pos > lot * 0.9 && bar.close < prev.close * 0.995) {
        await order('sell', pos / 2);
      } else if (i < count - 2 && pos > 0 && fast < slow) {
        await order('sell', pos);
      }
    }
    await settle();
  }
  const markAt = (symbol: string, atMs: number): string | undefined => {
    const series = bars.get(symbol) ?? [];
    let price: number | undefined;
    for (const b of series) {
      if (b.openTime + HOUR > atMs) break;
      price = b.close;
    }
    return price === undefined ? undefined : String(price);
  };
  return { rig, bars, markAt };
}
