/**
 * Child process of the crash test (bundled with esbuild and run with plain node). Runs the
 * executor on the paper broker through a seeded workload over real BTC/USDT 1m candles, and
 * SIGKILLs itself at the Nth probe hit (probes sit between every write and send of the submit
 * and fill paths), so the kill lands at a seeded random point. Progress is kept in SQLite so a
 * restart continues the same workload.
 *
 * argv: dbPath candlesCsv seed crashAt(-1 = never) totalSteps
 */
import { readFileSync, writeSync } from 'node:fs';
import type { Candle } from '../../../src-shared/domain/candle';
import { AuditLog } from '../../../src-main/engine/audit/audit-log';
import type { Clock } from '../../../src-main/engine/clock';
import { ExecutionService } from '../../../src-main/engine/execution/execution-service';
import { openVigilStore } from '../../../src-main/engine/schema';
import { mulberry32 } from '../../support/seeded-random';

const [dbPath, csv, seedText, crashAtText, totalText] = process.argv.slice(2);
if (!dbPath || !csv || !seedText || !crashAtText || !totalText)
  throw new Error('usage: crash-child db csv seed crashAt total');
const seed = Number(seedText);
const crashAt = Number(crashAtText);
const total = Number(totalText);

let hits = 0;
const probe = (point: string): void => {
  hits += 1;
  if (hits !== crashAt) return;
  writeSync(2, `KILL@${point}\n`); // tell the parent where (synchronous: it lands before the kill)
  process.kill(process.pid, 'SIGKILL');
};

function at<T>(list: readonly T[], i: number): T {
  const v = list[i];
  if (v === undefined) throw new Error(`no element ${i}`);
  return v;
}

const candles: Candle[] = readFileSync(csv, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [t = NaN, o = NaN, h = NaN, l = NaN, c = NaN, v = NaN] = line.split(',').map(Number);
    return { openTime: t, open: o, high: h, low: l, close: c, volume: v };
  });

const store = openVigilStore(dbPath);
const db = store.db;
db.exec(
  'CREATE TABLE IF NOT EXISTS crash_progress (id INTEGER PRIMARY KEY CHECK (id = 1), step INTEGER NOT NULL)',
);
db.exec('INSERT OR IGNORE INTO crash_progress (id, step) VALUES (1, 0)');
const stepNow = (): number =>
  (db.prepare('SELECT step FROM crash_progress WHERE id = 1').get() as { step: number }).step;
let now = at(candles, 0).openTime;
const clock: Clock = { now: () => now };
const audit = new AuditLog(db, clock);
const service = ExecutionService.paper({
  db,
  clock,
  audit,
  paper: { probe, startingBalance: '100000' },
  executor: {
    probe,
    sleep: () => Promise.resolve(),
    staleIntentMs: Number.POSITIVE_INFINITY,
    unknownGraceMs: 30_000,
  },
  events: {
    error: (e) => {
      throw e;
    },
  },
});

async function main(): Promise<void> {
  let step = stepNow();
  now = at(candles, step).openTime + 60_000;
  await service.start('system:crash-test');
  for (; step < total; step += 1) {
    const bar = at(candles, step);
    now = bar.openTime + 60_000; // we are at the close of this bar
    service.onBar('BTC/USDT', bar, '1m');
    probe('child.bar-fed');
    const r = mulberry32(seed * 100_003 + step);
    const key = (n: number): string => `s${seed}-${step}-${n}`;
    const close = Math.round(bar.close * 100) / 100;
    const px = (f: number): string => (Math.round(close * f * 100) / 100).toFixed(2);
    const qty = (): string => (0.001 + Math.floor(r() * 300) / 100_000).toFixed(5);
    const roll = r();
    if (roll < 0.3) {
      await service.executor.place(
        {
          symbol: 'BTC/USDT',
          side: r() < 0.6 ? 'buy' : 'sell',
          type: 'market',
          qty: qty(),
          requestKey: key(1),
        },
        'test',
      );
    } else if (roll < 0.5) {
      const buy = r() < 0.5;
      await service.executor.place(
        {
          symbol: 'BTC/USDT',
          side: buy ? 'buy' : 'sell',
          type: 'limit',
          price: px(buy ? 0.9995 : 1.0005),
          qty: qty(),
          requestKey: key(2),
        },
        'test',
      );
    } else if (roll < 0.65) {
      await service.executor.place(
        {
          symbol: 'BTC/USDT',
          side: 'buy',
          type: 'market',
          qty: qty(),
          bracket: { stopLoss: px(0.998), takeProfit: px(1.002) },
          requestKey: key(3),
        },
        'test',
      );
    } else if (roll < 0.75) {
      const open = service.executor.list(true);
      const victim = open[Math.floor(r() * open.length)];
      if (victim !== undefined && victim.state !== 'CANCEL_PENDING')
        await service.executor.cancel(victim.clientOrderId, 'test');
    } else if (roll < 0.78) {
      await service.executor.cancelAll('test');
    }
    await service.executor.idle();
    probe('child.step-done');
    db.prepare('UPDATE crash_progress SET step = ? WHERE id = 1').run(step + 1);
    if (step % 15 === 14) await service.executor.reconcile('system:periodic');
  }
  // Completed: one last reconciliation after the grace period, then a clean exit.
  now += 120_000;
  await service.executor.reconcile('system:final');
  await service.executor.idle();
  store.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(3);
  },
);
