import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Candle } from '../../src-shared/domain/candle';
import { AuditLog } from '../../src-main/engine/audit/audit-log';
import type { Clock } from '../../src-main/engine/clock';
import { ExecutionService } from '../../src-main/engine/execution/execution-service';
import { openVigilStore } from '../../src-main/engine/schema';
import { at, loadCandles } from '../support/execution-fixture';

const MIN = 60_000;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * Execution benchmarks on a real on-disk database (WAL, as the app runs it):
 * - submit -> ack -> fill: place a market order (intent, submit, venue ack), then the next
 *   real BTC/USDT 1m bar fills it (venue match, ledger, audit, equity sample): cycles/s.
 * - intent write latency: the write-ahead INTENT insert + its audit record, p50/p99.
 */
export async function runExecutionBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-exec-'));
  try {
    const bars = loadCandles('binance_BTC-USDT_1m.csv');
    const store = openVigilStore(join(dir, 'vigil.db'));
    let now = at(bars, 0).openTime + MIN;
    const clock: Clock = { now: () => now };
    const audit = new AuditLog(store.db, clock);
    const service = ExecutionService.paper({
      db: store.db,
      clock,
      audit,
      paper: { startingBalance: '100000000' },
      executor: { sleep: () => Promise.resolve() },
    });
    await service.start('bench');
    // Bars repeat the real series, shifted forward in time so each is new to the venue.
    const barAt = (i: number): Candle => {
      const b = at(bars, i % bars.length);
      return { ...b, openTime: b.openTime + Math.floor(i / bars.length) * bars.length * MIN };
    };
    service.onBar('BTC/USDT', barAt(0), '1m');

    const cycles = 2000;
    const cycleMs: number[] = [];
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    for (let i = 1; i <= cycles; i += 1) {
      const t0 = performance.now();
      const side = i % 2 === 0 ? 'sell' : 'buy';
      const order = await service.executor.place(
        { symbol: 'BTC/USDT', side, type: 'market', qty: '0.001' },
        'bench',
      );
      const bar = barAt(i);
      now = bar.openTime + MIN;
      service.onBar('BTC/USDT', bar, '1m');
      if (service.executor.view(order.clientOrderId).state !== 'FILLED') {
        throw new Error(`bench: order ${order.clientOrderId} not filled by the next bar`);
      }
      cycleMs.push(performance.now() - t0);
    }
    const elapsed = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    // CPU time per cycle does not depend on how busy the machine is; wall time does.
    const cpuPerCycleMs = (cpu.user + cpu.system) / 1000 / cycles;
    cycleMs.sort((a, b) => a - b);

    const intents = 5000;
    const intentMs: number[] = [];
    for (let i = 0; i < intents; i += 1) {
      const t0 = performance.now();
      service.executor.orders.insertIntent(
        'paper',
        'paper',
        {
          symbol: 'BTC/USDT',
          side: 'buy',
          type: 'limit',
          price: '5000',
          qty: '0.001',
          timeInForce: 'GTC',
          reduceOnly: false,
        },
        { placedBy: 'bench', bracketRole: null, parentClientOrderId: null, ocoGroup: null },
      );
      intentMs.push(performance.now() - t0);
    }
    intentMs.sort((a, b) => a - b);
    store.close();

    console.log('execution bench (paper broker, on-disk SQLite WAL, real BTC/USDT 1m bars)');
    console.log(
      `  submit->ack->fill: ${cycles} cycles in ${elapsed.toFixed(2)} s = ${(cycles / elapsed).toFixed(0)} orders/s ` +
        `(cycle p50 ${percentile(cycleMs, 50).toFixed(3)} ms, p99 ${percentile(cycleMs, 99).toFixed(3)} ms, ` +
        `CPU ${cpuPerCycleMs.toFixed(3)} ms/cycle)`,
    );
    console.log(
      `  intent write (row + audit record): p50 ${(percentile(intentMs, 50) * 1000).toFixed(0)} us, ` +
        `p99 ${(percentile(intentMs, 99) * 1000).toFixed(0)} us over ${intents} writes`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
