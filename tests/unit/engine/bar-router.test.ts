import { describe, expect, it } from 'vitest';
import type { Candle, Timeframe } from '../../../src-shared/domain/candle';
import type { BarClosed } from '../../../src-shared/domain/market';
import { BarRouter } from '../../../src-main/engine/bar-router';
import type { ScannerCandle } from '../../../src-main/engine/scanner/scanner-core';

// Routing is about which series go where, so these bars carry one fixed candle; the prices do
// not matter here (the pipeline test plays real bundled data end to end).
const candle: Candle = { openTime: 0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 };

function bar(exchange: string, symbol: string, timeframe: Timeframe, complete = true): BarClosed {
  return { exchange, symbol, timeframe, candle, complete, gapBefore: 0, source: 'replay' };
}

function router(): {
  r: BarRouter;
  paper: string[];
  scanned: ScannerCandle[][];
  errors: unknown[];
} {
  const paper: string[] = [];
  const scanned: ScannerCandle[][] = [];
  const errors: unknown[] = [];
  const r = new BarRouter({
    paper: (symbol, _c, timeframe) => paper.push(`${symbol}@${timeframe}`),
    scan: (candles) => {
      scanned.push([...candles]);
      return Promise.resolve();
    },
    scanTimeframes: new Set<Timeframe>(['15m', '1h']),
    onError: (e) => errors.push(e),
  });
  return { r, paper, scanned, errors };
}

describe('BarRouter', () => {
  it('feeds the paper venue one exchange and one timeframe per symbol', () => {
    const { r, paper } = router();
    r.route(bar('bittrex', 'ETH/BTC', '5m'));
    r.route(bar('bittrex', 'ETH/BTC', '15m')); // derived: not a second paper series
    r.route(bar('binance', 'ETH/BTC', '1h')); // another venue's price: never mixed in
    r.route(bar('bittrex', 'ETH/BTC', '5m', false)); // an incomplete bar is no fill price
    r.route(bar('bittrex', 'ETH/BTC', '5m'));
    expect(paper).toEqual(['ETH/BTC@5m', 'ETH/BTC@5m']);
  });

  it('sends only scanner timeframes, batched and in order', async () => {
    const { r, scanned } = router();
    r.route(bar('bittrex', 'ETH/BTC', '5m'));
    r.route(bar('bittrex', 'ETH/BTC', '15m'));
    r.route(bar('bittrex', 'LTC/BTC', '15m'));
    r.route(bar('bittrex', 'ETH/BTC', '1h'));
    await r.drained();
    expect(scanned).toHaveLength(1);
    expect(scanned[0]?.map((c) => `${c.symbol}@${c.timeframe}/${c.quote}`)).toEqual([
      'ETH/BTC@15m/BTC',
      'LTC/BTC@15m/BTC',
      'ETH/BTC@1h/BTC',
    ]);
  });

  it('reports a failing consumer and keeps routing', async () => {
    const errors: unknown[] = [];
    const r = new BarRouter({
      paper: () => {
        throw new Error('paper venue refused the bar');
      },
      scan: () => Promise.reject(new Error('worker died')),
      scanTimeframes: new Set<Timeframe>(['15m']),
      onError: (e) => errors.push(e),
    });
    r.route(bar('bittrex', 'ETH/BTC', '15m'));
    await r.drained();
    r.route(bar('bittrex', 'ETH/BTC', '15m'));
    await r.drained();
    expect(errors.map((e) => (e as Error).message)).toEqual([
      'paper venue refused the bar',
      'worker died',
      'paper venue refused the bar',
      'worker died',
    ]);
  });

  it('routes nothing after stop', async () => {
    const { r, paper, scanned } = router();
    r.stop();
    r.route(bar('bittrex', 'ETH/BTC', '15m'));
    await r.drained();
    expect(paper).toEqual([]);
    expect(scanned).toEqual([]);
  });

  it('seeds the paper venue from the history: the finest series of the first exchange per symbol', () => {
    const { r, paper } = router();
    r.seedPaper([
      bar('binance', 'BTC/USDT', '4h'),
      bar('binance', 'BTC/USDT', '1h'),
      bar('kraken', 'BTC/USDT', '5m'), // another venue: never mixed in, whatever its timeframe
      bar('binance', 'ETH/BTC', '1h'),
    ]);
    expect(paper).toEqual(['BTC/USDT@1h', 'ETH/BTC@1h']);
    expect(r.paperSeriesOf()).toEqual([
      { symbol: 'BTC/USDT', exchange: 'binance', timeframe: '1h' },
      { symbol: 'ETH/BTC', exchange: 'binance', timeframe: '1h' },
    ]);
    // The choice holds for the live bars that follow.
    r.route(bar('binance', 'BTC/USDT', '4h'));
    r.route(bar('binance', 'BTC/USDT', '1h'));
    expect(paper).toEqual(['BTC/USDT@1h', 'ETH/BTC@1h', 'BTC/USDT@1h']);
  });

  it('runs a task between the bars queued before it and those after; drops bars not yet sent', async () => {
    const { r, scanned } = router();
    const order: string[] = [];
    r.route(bar('binance', 'BTC/USDT', '1h'));
    r.then(() => {
      order.push(`task after ${scanned.length} batch(es)`);
      return Promise.resolve();
    });
    r.route(bar('binance', 'ETH/BTC', '1h'));
    r.discardPending(); // the replay jumped: this bar is from before the jump
    r.route(bar('binance', 'ETH/USDT', '1h'));
    await r.drained();
    expect(order).toEqual(['task after 1 batch(es)']);
    expect(scanned.map((b) => b.map((c) => c.symbol))).toEqual([['BTC/USDT'], ['ETH/USDT']]);
  });
});
