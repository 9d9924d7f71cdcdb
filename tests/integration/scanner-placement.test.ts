import { describe, expect, it } from 'vitest';
import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import { InThreadScanner } from '../../src-main/engine/scanner/in-thread-scanner';
import type { ScannerCandle } from '../../src-main/engine/scanner/scanner-core';
import { ScannerWorkerClient } from '../../src-main/engine/scanner/scanner-worker-client';
import type { ScannerThread } from '../../src-main/engine/scanner/scanner-thread';
import { DEFAULT_SCANNER_CONFIG } from '../../src-main/engine/scanner/scoring/scanner-config';
import { sharedCandleFile } from '../support/candle-data';

/** Everything a placement answers, in call order, minus the timings (they differ by nature). */
async function transcript(
  scanner: ScannerThread,
  bars: readonly ScannerCandle[][],
): Promise<unknown[]> {
  const out: unknown[] = [];
  try {
    for (const [i, batch] of bars.entries()) {
      const { published, board } = await scanner.processForBoard(batch);
      const keys = Array.from({ length: board.length }, (_, k) => board.key(k));
      out.push({ published, rows: board.rows, keys, json: Buffer.from(board.json) });
      // A reset half-way: both forget the same markets and start afresh.
      if (i === Math.floor(bars.length / 2)) await scanner.reset();
    }
    out.push(await scanner.explain({ exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h' }));
  } finally {
    await scanner.close();
  }
  return out;
}

describe('scanner placement', () => {
  // Two real markets of one exchange over the same hours (the shared data's Binance 1h files), in
  // close-time batches as the bar router sends them, long enough for PRIME/WATCH changes.
  it('the scanner on its worker and on the calling thread answer the same, call for call', async () => {
    const config = { ...DEFAULT_SCANNER_CONFIG, timeframes: ['1h' as const] };
    const markets = [
      ['BTC/USDT', 'USDT', 'binance_BTC-USDT_1h.csv'],
      ['ETH/USDT', 'USDT', 'binance_ETH-USDT_1h.csv'],
    ] as const;
    const series = await Promise.all(
      markets.map(async ([symbol, quote, file]) =>
        (await loadCandleCsv(sharedCandleFile(file))).candles.map((candle): ScannerCandle => ({
          exchange: 'binance',
          symbol,
          quote,
          timeframe: '1h',
          candle,
        })),
      ),
    );
    const length = Math.min(...series.map((s) => s.length));
    const bars = Array.from({ length }, (_, i) => series.map((s) => s[i] as ScannerCandle));
    const inWorker = await transcript(await ScannerWorkerClient.start(config), bars);
    const inThread = await transcript(InThreadScanner.start(config), bars);
    expect(inThread).toEqual(inWorker);
    const published = inWorker.flatMap((b) =>
      typeof b === 'object' && b !== null && 'published' in b ? (b.published as unknown[]) : [],
    );
    expect(published.length).toBeGreaterThan(10);
  });

  it('the calling thread refuses a bad configuration as the worker client does', () => {
    expect(() => InThreadScanner.start({ ...DEFAULT_SCANNER_CONFIG, timeframes: [] })).toThrow(
      /timeframes/,
    );
  });
});
