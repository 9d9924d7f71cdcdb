import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { buildReport } from '../../src-main/engine/reports/build-report';
import { Money } from '../../src-main/engine/reports/money';
import { MemoryReportSource } from '../../src-main/engine/reports/memory-report-source';
import { fillsCsv, lotsCsv } from '../../src-main/engine/reports/report-csv';
import { renderReportPdf } from '../../src-main/engine/reports/report-pdf';
import { rangePeriod } from '../../src-main/engine/reports/report-period';
import { exportInWorker } from '../../src-main/engine/reports/report-worker-client';
import type { EquitySample, ReportFill } from '../../src-main/engine/reports/report-source';

/** Deterministic PRNG (mulberry32) so every run measures the same book. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A synthetic year of 10,000 round trips on three symbols (synthetic because no real fill
 * history of that size exists here): each trade buys in two fills and sells in one, so every
 * sell closes parts of two FIFO lots. 30,000 fills, 20,000 lot slices, hourly equity.
 */
export function syntheticBook(trades: number): MemoryReportSource {
  const rand = prng(42);
  const start = Date.UTC(2025, 0, 1);
  const span = 365 * 86_400_000;
  const symbols = [
    { symbol: 'BTC/USDT', base: 'BTC', price: 60000, qty: '0.01' },
    { symbol: 'ETH/USDT', base: 'ETH', price: 3000, qty: '0.2' },
    { symbol: 'SOL/USDT', base: 'SOL', price: 150, qty: '4' },
  ];
  const fills: ReportFill[] = [];
  const step = span / (trades * 3 + 1);
  let at = start;
  let seq = 0;
  let cash = new Money(100000);
  const equity: EquitySample[] = [{ at: start - 1, equity: cash.toFixed() }];
  for (let t = 0; t < trades; t += 1) {
    const s = symbols[t % symbols.length];
    if (s === undefined) throw new Error('no symbol');
    const legs: Array<['buy' | 'sell', string]> = [
      ['buy', s.qty],
      ['buy', s.qty],
      ['sell', new Money(s.qty).times(2).toFixed()],
    ];
    for (const [side, qty] of legs) {
      s.price *= 1 + (rand() - 0.5) * 0.01;
      const price = new Money(s.price.toFixed(2));
      const fee = new Money(qty).times(price).times('0.001').toDecimalPlaces(8);
      const notional = new Money(qty).times(price);
      cash = side === 'buy' ? cash.minus(notional).minus(fee) : cash.plus(notional).minus(fee);
      seq += 1;
      at += step;
      fills.push({
        id: `f${seq}`,
        book: 'paper',
        venue: 'paper',
        symbol: s.symbol,
        base: s.base,
        quote: 'USDT',
        side,
        quantity: qty,
        price: price.toFixed(),
        feeAsset: 'USDT',
        feeAmount: fee.toFixed(),
        at: Math.round(at),
        orderId: `o${seq}`,
        clientOrderId: `c${seq}`,
      });
    }
    if (t % 10 === 0) equity.push({ at: Math.round(at), equity: cash.toFixed() });
  }
  return new MemoryReportSource({ paper: { currency: 'USDT', fills, equity } });
}

/** Wall time and this process's CPU time (the latter is less distorted on a shared machine). */
async function time<T>(label: string, fn: () => T | Promise<T>): Promise<T> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `  ${label.padEnd(44)} ${wall.toFixed(0).padStart(7)} ms wall ${cpuMs.toFixed(0).padStart(7)} ms cpu`,
  );
  return out;
}

export async function runReportsBench(): Promise<void> {
  console.log('reports: a book of 10,000 trades (30,000 fills, 20,000 FIFO lot slices)');
  console.log(`  machine load average (1 min): ${loadavg()[0]?.toFixed(1)} on 2 shared cores`);
  const source = syntheticBook(10_000);
  const now = Date.UTC(2026, 0, 15);
  const year = rangePeriod('2025-01-01', '2025-12-31', 'Europe/Berlin', now);
  const report = await time('build report (metrics, FIFO, full year)', () =>
    buildReport({ source, book: 'paper', period: year, generatedAt: now }),
  );
  console.log(
    `    trades ${report.summary.trades}, realized ${report.summary.realizedPnl.toFixed(2)}, fees ${report.summary.fees.toFixed(2)}`,
  );
  const lots = await time('lots CSV', () => lotsCsv(report));
  const fills = await time('fills CSV', () => fillsCsv(report));
  console.log(
    `    lots CSV ${(lots.length / 1e6).toFixed(1)} MB, fills CSV ${(fills.length / 1e6).toFixed(1)} MB`,
  );
  const pdf = await time('PDF (10,000-trade list)', () => renderReportPdf(report));
  console.log(`    PDF ${(pdf.length / 1e6).toFixed(2)} MB`);
  // Exports share the engine's event loop with the kill path: measure how long they block it,
  // in process (sliced with pauses) and in the worker thread the UI command uses.
  for (const [label, run] of [
    [
      'export in process, event loop monitored',
      async (): Promise<unknown> =>
        renderReportPdf(
          await buildReport({ source, book: 'paper', period: year, generatedAt: now }),
        ),
    ],
    [
      'export in worker thread, event loop monitored',
      async (): Promise<unknown> =>
        exportInWorker(
          source,
          {
            book: 'paper',
            period: { kind: 'range', from: '2025-01-01', to: '2025-12-31' },
            timeZone: 'Europe/Berlin',
            format: 'pdf',
          },
          now,
          () => {},
        ),
    ],
  ] as const) {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await time(label, run);
    delay.disable();
    console.log(
      `    event-loop delay: p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`,
    );
  }
  const month = rangePeriod('2025-06-01', '2025-06-30', 'Europe/Berlin', now);
  await time('build + PDF, one month (~830 trades)', async () =>
    renderReportPdf(await buildReport({ source, book: 'paper', period: month, generatedAt: now })),
  );
}
