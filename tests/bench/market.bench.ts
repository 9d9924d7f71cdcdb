import { TIMEFRAME_MS } from '../../src-shared/domain/candle';
import { aggregateCandles } from '../../src-main/engine/market/candle-aggregator';
import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import { ReplayFeed } from '../../src-main/engine/market/replay-feed';
import { ManualClock } from '../support/manual-clock';
import { sharedCandleFile } from '../support/candle-data';

const FILE = sharedCandleFile('ftx_BTC-PERP_1m.csv');
const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * Market data throughput on the 45,031-row FTX BTC-PERP 1m file: the streaming CSV loader
 * (rows/s, full validation), exact 1m->5m aggregation, and replay bar events/s at max speed
 * (1m only, and with 5m/15m/1h/4h derived). Median of several runs after a warm-up.
 */
export async function runMarketBench(): Promise<void> {
  await loadCandleCsv(FILE); // warm-up (JIT, page cache)
  const loadMs: number[] = [];
  const loadCpuMs: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const loaded = await loadCandleCsv(FILE);
    loadMs.push(performance.now() - t0);
    loadCpuMs.push(process.cpuUsage(cpu0).user / 1000);
    rows = loaded.rows;
  }
  const loaded = await loadCandleCsv(FILE);
  const loadMedian = median(loadMs);
  // CPU time too: on a shared machine wall time includes waiting for a core.
  console.log(
    `market: csv loader      ${fmt(rows)} rows in ${loadMedian.toFixed(1)} ms (cpu ${median(loadCpuMs).toFixed(1)} ms) = ${fmt((rows / loadMedian) * 1000)} rows/s`,
  );

  const aggMs: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t0 = performance.now();
    aggregateCandles(loaded.candles, TIMEFRAME_MS['1m'], TIMEFRAME_MS['5m']);
    aggMs.push(performance.now() - t0);
  }
  console.log(
    `market: aggregate 1m->5m ${fmt(rows)} rows in ${median(aggMs).toFixed(1)} ms = ${fmt((rows / median(aggMs)) * 1000)} rows/s`,
  );

  for (const derive of [[], ['5m', '15m', '1h', '4h']] as const) {
    const times: number[] = [];
    const buildTimes: number[] = [];
    let events = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const clock = new ManualClock(0);
      const b0 = performance.now();
      const feed = new ReplayFeed({
        sources: [loaded],
        derive: [...derive],
        clock,
        scheduler: clock,
        onError: (e) => {
          throw e;
        },
      });
      buildTimes.push(performance.now() - b0);
      let seen = 0;
      feed.onBar(() => {
        seen += 1;
      });
      const t0 = performance.now();
      events = feed.drain();
      times.push(performance.now() - t0);
      if (seen !== events) throw new Error(`replay bench: ${seen} delivered, ${events} emitted`);
    }
    const label = derive.length === 0 ? '1m only' : `1m + ${derive.join('/')}`;
    const ms = median(times);
    console.log(
      `market: replay (${label}) ${fmt(events)} bar events in ${ms.toFixed(1)} ms = ${fmt((events / ms) * 1000)} events/s (timeline build ${median(buildTimes).toFixed(1)} ms)`,
    );
  }
}
