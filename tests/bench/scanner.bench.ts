// Scanner benchmarks: a 200-symbol x 3-timeframe universe through the worker thread with the
// main loop's lag measured meanwhile.
import { availableParallelism, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Candle, Timeframe } from '../../src-shared/domain/candle';
import { TIMEFRAME_MS } from '../../src-shared/domain/candle';
import { aggregateCandles } from '../../src-main/engine/market/candle-aggregator';
import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import type { ScannerCandle } from '../../src-main/engine/scanner/scanner-core';
import { ScannerWorkerClient } from '../../src-main/engine/scanner/scanner-worker-client';
import { DEFAULT_SCANNER_CONFIG } from '../../src-main/engine/scanner/scoring/scanner-config';
import { sharedCandleFile } from '../support/candle-data';
import { defined } from '../support/defined';

const FTX = 'ftx_BTC-PERP_1m.csv';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function universe(base: readonly Candle[], symbols: number): Map<Timeframe, Candle[][]> {
  const out = new Map<Timeframe, Candle[][]>();
  for (const tf of ['15m', '1h', '4h'] as const) out.set(tf, []);
  for (let s = 0; s < symbols; s += 1) {
    // Shifted copy: symbol s starts s * 37 minutes into the real series, prices scaled, so
    // every series is real market movement but no two are identical.
    const shift = s * 37;
    const scale = 1 + s / 1000;
    const copy = base.slice(shift).map((c) => ({
      openTime: c.openTime - shift * 60_000,
      open: c.open * scale,
      high: c.high * scale,
      low: c.low * scale,
      close: c.close * scale,
      volume: c.volume,
    }));
    const aligned = copy.filter((c) => c.openTime % 60_000 === 0);
    for (const tf of ['15m', '1h', '4h'] as const) {
      defined(out.get(tf)).push(
        aggregateCandles(aligned, 60_000, TIMEFRAME_MS[tf]).filter((c) => c.complete),
      );
    }
  }
  return out;
}

async function universeBench(base: readonly Candle[]): Promise<void> {
  const SYMBOLS = 200;
  const WARMUP = { '15m': 400, '1h': 100, '4h': 40 } as const;
  const UPDATES = 100;
  const series = universe(base, SYMBOLS);
  const event = (s: number, tf: Timeframe, candle: Candle): ScannerCandle => ({
    exchange: 'bench',
    symbol: `SYM${s}/USD`,
    quote: 'USD',
    timeframe: tf,
    candle,
  });
  // Every batch is built before measuring, so the lag figures show the engine, not the harness.
  const warm: ScannerCandle[] = [];
  for (const tf of ['4h', '1h', '15m'] as const) {
    for (let s = 0; s < SYMBOLS; s += 1) {
      for (const c of defined(defined(series.get(tf))[s]).slice(0, WARMUP[tf]))
        warm.push(event(s, tf, c));
    }
  }
  // A 15m close every step; the 1h series close every 4th step, the 4h every 16th.
  const updates: ScannerCandle[][] = [];
  for (let u = 0; u < UPDATES; u += 1) {
    const batch: ScannerCandle[] = [];
    const due: Array<[Timeframe, number]> = [['15m', WARMUP['15m'] + u]];
    if (u % 4 === 3) due.unshift(['1h', WARMUP['1h'] + (u >> 2)]);
    if (u % 16 === 15) due.unshift(['4h', WARMUP['4h'] + (u >> 4)]);
    for (const [tf, index] of due) {
      for (let s = 0; s < SYMBOLS; s += 1) {
        const c = defined(defined(series.get(tf))[s])[index];
        if (c !== undefined) batch.push(event(s, tf, c));
      }
    }
    updates.push(batch);
  }
  // Worst case: all 600 series close a bar at once (a 4h boundary).
  const together: ScannerCandle[][] = [];
  for (let u = 0; u < 20; u += 1) {
    const batch: ScannerCandle[] = [];
    for (const [tf, index] of [
      ['4h', WARMUP['4h'] + 8 + u],
      ['1h', WARMUP['1h'] + 30 + u],
      ['15m', WARMUP['15m'] + UPDATES + u],
    ] as const) {
      for (let s = 0; s < SYMBOLS; s += 1) {
        const c = defined(defined(series.get(tf))[s])[index];
        if (c !== undefined) batch.push(event(s, tf, c));
      }
    }
    together.push(batch);
  }
  const client = await ScannerWorkerClient.start(DEFAULT_SCANNER_CONFIG);
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();
  try {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < warm.length; i += 1200)
      await client.processPublished(warm.slice(i, i + 1200));
    const warmMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const perUpdate: number[] = [];
    for (const batch of updates) {
      const start = process.hrtime.bigint();
      await client.processPublished(batch);
      perUpdate.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const allAtOnce: number[] = [];
    const computeOnly: number[] = [];
    for (const batch of together) {
      const start = process.hrtime.bigint();
      await client.processPublished(batch);
      allAtOnce.push(Number(process.hrtime.bigint() - start) / 1e6);
      computeOnly.push(client.lastComputeMs);
    }
    const sorted = [...perUpdate].sort((a, b) => a - b);
    const sortedAll = [...allAtOnce].sort((a, b) => a - b);
    const sortedCompute = [...computeOnly].sort((a, b) => a - b);
    console.log(
      `Universe: ${SYMBOLS} symbols x 3 timeframes (15m, 1h, 4h) = ${SYMBOLS * 3} series, scanner in its worker thread:`,
    );
    console.log(
      `  warm-up of ${warm.length} candles: ${warmMs.toFixed(0)} ms (${((warmMs * 1e3) / warm.length).toFixed(1)} us/candle incl. transfer)`,
    );
    console.log(
      `  per 15m bar close (200 x 15m + 1h/4h when due): p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms, max ${defined(sorted.at(-1)).toFixed(2)} ms`,
    );
    console.log(
      `  all 600 series closing at once: p50 ${percentile(sortedAll, 50).toFixed(2)} ms, p99 ${percentile(sortedAll, 99).toFixed(2)} ms round trip (target < 10 ms); worker compute p50 ${percentile(sortedCompute, 50).toFixed(2)} ms, p99 ${percentile(sortedCompute, 99).toFixed(2)} ms`,
    );
    console.log(
      `  (machine load average while measuring: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores)`,
    );
    console.log(
      `  main-loop lag meanwhile: p50 ${(lag.percentile(50) / 1e6).toFixed(2)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(2)} ms, max ${(lag.max / 1e6).toFixed(2)} ms (target p99 < 20 ms)`,
    );
  } finally {
    lag.disable();
    await client.close();
  }
}

export async function runScannerBench(): Promise<void> {
  const { candles } = await loadCandleCsv(sharedCandleFile(FTX));
  await universeBench(candles);
}
