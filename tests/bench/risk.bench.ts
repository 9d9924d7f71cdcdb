import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOrder } from '../../src-main/engine/risk/risk-gate';
import type { OrderCandidate, RiskContext } from '../../src-main/engine/risk/risk-types';
import { defaultRiskConfig } from '../../src-shared/domain/risk-config';
import { FakeVenue, populate } from '../support/fake-venue';
import { loadBook, paperKillRig } from '../support/paper-kill-rig';
import { riskHarness } from '../support/risk-harness';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function report(name: string, samplesNs: number[], unit: 'us' | 'ms'): void {
  const sorted = [...samplesNs].sort((a, b) => a - b);
  const div = unit === 'us' ? 1e3 : 1e6;
  const f = (ns: number): string => (ns / div).toFixed(unit === 'us' ? 2 : 3);
  console.log(
    `${name}: p50 ${f(percentile(sorted, 50))} ${unit}, p99 ${f(percentile(sorted, 99))} ${unit}, max ${f(sorted.at(-1) as number)} ${unit} (n=${sorted.length})`,
  );
}

/**
 * Kill switch and gate figures. Venue: the in-memory FakeVenue (each call resolves on a later
 * macrotask); the database is a real SQLite file in WAL mode, as in the app.
 */
export async function runRiskBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  try {
    const latch: number[] = [];
    const latchNoFile: number[] = [];
    const cancelAll: number[] = [];
    const cancelAndFlatten: number[] = [];
    for (let i = 0; i < 420; i += 1) {
      const venue = new FakeVenue('paper');
      populate(venue, 100, 10);
      // As the engine runs it: the database and the kill latch file (overwritten in place and
      // fdatasync'ed at every latch). Every other run without the file, for the ratio.
      const withFile = i % 2 === 0;
      const h = riskHarness(
        [venue],
        join(dir, `kill-${i}.db`),
        'UTC',
        withFile ? join(dir, `kill-${i}.latch`) : undefined,
      );
      const flatten = i % 4 >= 2;
      const t0 = process.hrtime.bigint();
      const handle = h.risk.kill.trigger({ actor: 'bench', reason: 'bench', flatten });
      const t1 = process.hrtime.bigint();
      if (h.risk.control.mode !== 'HALTED' || !handle.durable || !handle.recorded)
        throw new Error('not latched durably');
      await handle.done;
      const t2 = process.hrtime.bigint();
      if (venue.orders.size !== 0) throw new Error('orders left');
      if (i >= 20) {
        (withFile ? latch : latchNoFile).push(Number(t1 - t0));
        if (withFile) (flatten ? cancelAndFlatten : cancelAll).push(Number(t2 - t0));
      }
      h.store.close();
    }
    report(
      'kill trigger -> HALTED latched (latch file + fdatasync, SQLite write, audit)',
      latch,
      'ms',
    );
    report('  same, without the latch file (database only)', latchNoFile, 'ms');
    const p50 = (xs: number[]): number =>
      percentile(
        [...xs].sort((x, y) => x - y),
        50,
      );
    console.log(`  latch file cost: p50 x${(p50(latch) / p50(latchNoFile)).toFixed(2)}`);
    report('kill trigger -> zero open orders, 100 orders / 10 symbols', cancelAll, 'ms');
    report('kill trigger -> zero orders and flat (10 positions)', cancelAndFlatten, 'ms');

    // The real PaperBroker (SQLite-backed venue) behind the executor, 100 orders / 10 symbols.
    const paperCancel: number[] = [];
    const paperLatch: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const k = paperKillRig();
      await loadBook(k);
      const t0 = process.hrtime.bigint();
      const handle = k.risk.kill.trigger({ actor: 'bench', reason: 'bench', flatten: false });
      const t1 = process.hrtime.bigint();
      await handle.done;
      const t2 = process.hrtime.bigint();
      if ((await k.rig.broker.openOrders()).length !== 0) throw new Error('paper orders left');
      if (i >= 2) {
        paperLatch.push(Number(t1 - t0));
        paperCancel.push(Number(t2 - t0));
      }
      k.rig.store.close();
    }
    report('PaperBroker: kill trigger -> HALTED latched', paperLatch, 'ms');
    report(
      'PaperBroker: kill trigger -> zero open orders, 100 orders / 10 symbols',
      paperCancel,
      'ms',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const ctx: RiskContext = {
    now: Date.UTC(2026, 2, 10, 12),
    mode: 'RUNNING',
    config: defaultRiskConfig('UTC'),
    equity: 100_000,
    startOfDayEquity: 100_500,
    peakEquity: 102_000,
    positions: [
      { symbol: 'BTC/USDT', qty: 0.3, mark: 64_000, stopPrice: 62_500 },
      { symbol: 'ETH/USDT', qty: -4, mark: 3_100, stopPrice: 3_200 },
    ],
    workingEntries: [{ symbol: 'SOL/USDT', qty: 50, mark: 140, stopPrice: 135 }],
    lastLossAt: Date.UTC(2026, 2, 10, 9),
  };
  const order: OrderCandidate = {
    symbol: 'SOL/USDT',
    side: 'buy',
    qty: 20,
    price: 140,
    stopPrice: 136,
    reduceOnly: false,
    source: 'autopilot',
  };
  for (let i = 0; i < 50_000; i += 1) checkOrder(order, ctx); // warm up the JIT
  const gate: number[] = [];
  for (let i = 0; i < 100_000; i += 1) {
    const t0 = process.hrtime.bigint();
    const verdict = checkOrder(order, ctx);
    gate.push(Number(process.hrtime.bigint() - t0));
    if (!verdict.ok) throw new Error(`bench order rejected: ${verdict.reason}`);
  }
  report('gate check (all 10 rules, approve)', gate, 'us');

  const h = riskHarness([]);
  const book = {
    equity: ctx.equity,
    positions: ctx.positions,
    workingEntries: ctx.workingEntries,
    lastLossAt: null,
  };
  for (let i = 0; i < 50_000; i += 1) h.risk.guard.check(order, book);
  const guard: number[] = [];
  for (let i = 0; i < 100_000; i += 1) {
    const t0 = process.hrtime.bigint();
    h.risk.guard.check(order, book);
    guard.push(Number(process.hrtime.bigint() - t0));
  }
  report('risk guard check (mode + config + gate)', guard, 'us');
  h.store.close();

  // What the executor actually calls: the ledger/order snapshot (SQLite reads) plus the gate,
  // on the paper rig with 10 positions and 100 open orders.
  const k = paperKillRig();
  await loadBook(k);
  const request = {
    symbol: 'S3/USDT',
    side: 'buy' as const,
    type: 'limit' as const,
    qty: '1',
    price: '10.00',
    timeInForce: 'GTC' as const,
    reduceOnly: false,
    bracket: { stopLoss: '9.50', takeProfit: '12.00' },
  };
  const context = { bookId: 'paper', actor: 'user:ui', bracketRole: null, resumed: false } as const;
  const gateOf = k.gate;
  for (let i = 0; i < 500; i += 1) gateOf(request, context);
  const full: number[] = [];
  for (let i = 0; i < 3_000; i += 1) {
    const t0 = process.hrtime.bigint();
    gateOf(request, context);
    full.push(Number(process.hrtime.bigint() - t0));
  }
  report('executor gate incl. ledger snapshot (10 positions, 100 orders)', full, 'us');
  k.rig.store.close();
}

if (process.argv[1]?.endsWith('risk.bench.ts')) await runRiskBench();
