import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_CANDLES_DIR } from './candle-data';
import { Money } from '../../src-main/engine/reports/money';
import { MemoryReportSource } from '../../src-main/engine/reports/memory-report-source';
import type { EquitySample, ReportFill } from '../../src-main/engine/reports/report-source';

/** The shared real candles (see their README); one absolute path, so worktrees find them too. */
export const CANDLES_DIR = SHARED_CANDLES_DIR;

interface Bar {
  readonly at: number;
  readonly close: string;
}

function loadCloses(file: string): Bar[] {
  const lines = readFileSync(join(CANDLES_DIR, file), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [ts = '', , , , close = ''] = line.split(',');
    return { at: Number(ts), close };
  });
}

const FEE_RATE = new Money('0.001');
const HOUR = 3_600_000;

/**
 * A deterministic paper session replayed on real Binance 1h candles (BTC/USDT and ETH/USDT,
 * May 8 - June 18 2018): a moving-average cross buys on the next bar's close, sells half on
 * the first weak bar and the rest on the cross down (partial closes across lots), 0.1% taker
 * fees — in USDT for BTC, in ETH (the base asset) for ETH buys. Equity is sampled at every
 * bar close: cash + positions at the close. All money is exact decimal text.
 *
 * This stands in for the PaperBroker of the execution core (another branch) so reports can
 * be exercised on real prices; the fills it makes are what a ledger would hand to reports.
 */
export function replaySession(startingCash = '10000'): {
  source: MemoryReportSource;
  fills: ReportFill[];
  equity: EquitySample[];
} {
  const markets = [
    {
      symbol: 'BTC/USDT',
      base: 'BTC',
      bars: loadCloses('binance_BTC-USDT_1h.csv'),
      lot: new Money('0.05'),
    },
    {
      symbol: 'ETH/USDT',
      base: 'ETH',
      bars: loadCloses('binance_ETH-USDT_1h.csv'),
      lot: new Money('0.5'),
    },
  ];
  const fills: ReportFill[] = [];
  const equity: EquitySample[] = [];
  let cash = new Money(startingCash);
  const held = new Map<string, Money>(markets.map((m) => [m.symbol, new Money(0)]));
  const times = [...new Set(markets.flatMap((m) => m.bars.map((b) => b.at)))].sort((a, b) => a - b);
  const index = markets.map((m) => new Map(m.bars.map((b, i) => [b.at, i])));
  let seq = 0;
  const trade = (m: (typeof markets)[number], bar: Bar, side: 'buy' | 'sell', qty: Money): void => {
    seq += 1;
    const price = new Money(bar.close);
    const notional = qty.times(price);
    const feeInBase = side === 'buy' && m.base === 'ETH';
    const feeAmount = feeInBase ? qty.times(FEE_RATE) : notional.times(FEE_RATE);
    const feeValue = feeInBase ? feeAmount.times(price) : feeAmount;
    cash =
      side === 'buy' ? cash.minus(notional).minus(feeValue) : cash.plus(notional).minus(feeValue);
    const pos = held.get(m.symbol) ?? new Money(0);
    held.set(m.symbol, side === 'buy' ? pos.plus(qty) : pos.minus(qty));
    fills.push({
      id: `fill-${seq}`,
      book: 'paper',
      venue: 'paper',
      symbol: m.symbol,
      base: m.base,
      quote: 'USDT',
      side,
      quantity: qty.toFixed(),
      price: bar.close,
      feeAsset: feeInBase ? m.base : 'USDT',
      feeAmount: feeAmount.toFixed(),
      at: bar.at + HOUR, // filled at the close of the bar
      orderId: `v-${seq}`,
      clientOrderId: `vgl-${seq}`,
    });
  };
  for (const at of times) {
    markets.forEach((m, mi) => {
      const i = index[mi]?.get(at);
      if (i === undefined || i < 25) return;
      const closes = m.bars.slice(i - 24, i + 1).map((b) => Number(b.close));
      const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
      const fast = avg(closes.slice(-6));
      const slow = avg(closes);
      const bar = m.bars[i];
      const prev = m.bars[i - 1];
      if (bar === undefined || prev === undefined) return;
      const pos = held.get(m.symbol) ?? new Money(0);
      const last = i === m.bars.length - 1;
      if (last) {
        if (pos.gt(0)) trade(m, bar, 'sell', pos);
      } else if (pos.isZero() && fast > slow * 1.002) {
        trade(m, bar, 'buy', m.lot);
        if (Number(bar.close) > Number(prev.close)) trade(m, bar, 'buy', m.lot.div(2));
      } else if (pos.gt(m.lot.times('0.9')) && Number(bar.close) < Number(prev.close) * 0.995) {
        trade(m, bar, 'sell', pos.div(2)); // partial: half, across the two entry lots
      } else if (pos.gt(0) && fast < slow) {
        trade(m, bar, 'sell', pos);
      }
    });
    let value = cash;
    markets.forEach((m, mi) => {
      const i = index[mi]?.get(at);
      const bar = i === undefined ? undefined : m.bars[i];
      const pos = held.get(m.symbol) ?? new Money(0);
      if (bar !== undefined) value = value.plus(pos.times(bar.close));
    });
    equity.push({ at: at + HOUR, equity: value.toFixed() });
  }
  const marks = Object.fromEntries(
    markets.map((m) => [m.symbol, m.bars.map((b) => [b.at + HOUR, b.close] as const)]),
  );
  const source = new MemoryReportSource({
    paper: {
      currency: 'USDT',
      fills,
      equity: [{ at: (times[0] ?? 0) - HOUR, equity: startingCash }, ...equity],
      marks,
    },
  });
  return { source, fills, equity };
}
