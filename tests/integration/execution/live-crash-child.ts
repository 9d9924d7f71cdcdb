/**
 * Child process of the live crash test (bundled with esbuild, run with plain node). Runs the
 * engine's live book (CcxtBroker through real ccxt, with its user stream, executor and
 * LiveBook reconciliation) against the local Binance the parent runs on 127.0.0.1, through a
 * seeded workload over real BTC/USDT 1m candles. At each step it asks the parent (over IPC) to
 * move the exchange to that candle, so resting orders, stops and OCO legs fill there, at the
 * exchange. It SIGKILLs itself the Kth time the executor reaches a named probe point (its write
 * and send points);
 * the parent may also kill it from the exchange's side (an order accepted, its answer not yet
 * read). Progress is kept in SQLite so a restart continues the same workload.
 *
 * argv: dbPath exchangeUrl candlesCsv firstIndex seed crashAt(POINT:K, or -1 = never) totalSteps
 */
import { readFileSync, writeSync } from 'node:fs';
import type { Candle } from '../../../src-shared/domain/candle';
import { AuditLog } from '../../../src-main/engine/audit/audit-log';
import type { Clock, Scheduler } from '../../../src-main/engine/clock';
import { ExecutionService } from '../../../src-main/engine/execution/execution-service';
import { CcxtBroker } from '../../../src-main/engine/execution/live/ccxt-broker';
import { CircuitBreaker } from '../../../src-main/engine/execution/live/circuit-breaker';
import { LiveBook } from '../../../src-main/engine/execution/live/live-book';
import { createCcxtExchange } from '../../../src-main/engine/market/ccxt-exchange';
import { capabilitiesOf } from '../../../src-main/engine/market/exchanges/exchange-capabilities';
import { loadCcxt } from '../../../src-main/engine/market/load-ccxt';
import { openVigilStore } from '../../../src-main/engine/schema';
import { LIVE_CRASH_KEY, type LiveCrashMessage } from '../../support/live-crash-protocol';
import { mulberry32 } from '../../support/seeded-random';

const [dbPath, url, csv, firstText, seedText, crashAtText, totalText] = process.argv.slice(2);
if (!dbPath || !url || !csv || !firstText || !seedText || !crashAtText || !totalText)
  throw new Error('usage: live-crash-child db url csv first seed crashAt total');
const first = Number(firstText);
const seed = Number(seedText);
// By name and count, not by the Nth probe of any kind: which probe comes Nth depends on
// whether a REST answer or the user stream lands first, so a seeded N would not pick a point.
const [crashPoint, crashNthText] = crashAtText === '-1' ? [null, '0'] : crashAtText.split(':');
const crashNth = Number(crashNthText);
if (crashPoint !== null && (crashPoint === undefined || !(crashNth >= 1)))
  throw new Error(`crashAt must be POINT:K (K >= 1) or -1, got '${crashAtText}'`);
const total = Number(totalText);

let hits = 0;
const probe = (point: string): void => {
  if (point !== crashPoint) return;
  hits += 1;
  if (hits !== crashNth) return;
  writeSync(2, `KILL@${point}\n`); // tell the parent where (synchronous: it lands before the kill)
  process.kill(process.pid, 'SIGKILL');
};

const candles: Candle[] = readFileSync(csv, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [t = NaN, o = NaN, h = NaN, l = NaN, c = NaN, v = NaN] = line.split(',').map(Number);
    return { openTime: t, open: o, high: h, low: l, close: c, volume: v };
  });
function candle(step: number): Candle {
  const c = candles[first + step];
  if (c === undefined) throw new Error(`no candle ${first + step}`);
  return c;
}

/** Asks the parent to move the exchange to this step's candle; resolves once it has. */
function moveExchange(step: number): Promise<void> {
  return new Promise((done) => {
    const onMessage = (m: LiveCrashMessage): void => {
      if (m.kind !== 'moved' || m.step !== step) return;
      process.off('message', onMessage);
      done();
    };
    process.on('message', onMessage);
    const ask: LiveCrashMessage = { kind: 'move', step };
    process.send?.(ask);
  });
}

const store = openVigilStore(dbPath);
const db = store.db;
db.exec(
  'CREATE TABLE IF NOT EXISTS crash_progress (id INTEGER PRIMARY KEY CHECK (id = 1), step INTEGER NOT NULL)',
);
db.exec('INSERT OR IGNORE INTO crash_progress (id, step) VALUES (1, 0)');
const stepNow = (): number =>
  (db.prepare('SELECT step FROM crash_progress WHERE id = 1').get() as { step: number }).step;
let now = candle(stepNow()).openTime + 60_000;
const clock: Clock = { now: () => now };
// Reconciliation runs when the workload says so, not on a timer: the kills stay seeded.
const scheduler: Scheduler = { every: () => () => {} };
const audit = new AuditLog(db, clock);
const fail = (e: unknown): void => {
  throw e;
};
const execution = ExecutionService.paper({
  db,
  clock,
  audit,
  executor: {
    probe,
    sleep: () => Promise.resolve(),
    staleIntentMs: Number.POSITIVE_INFINITY,
    unknownGraceMs: 30_000,
  },
  events: { error: fail },
});

async function openBook(): Promise<LiveBook> {
  const caps = capabilitiesOf('binance').trading;
  if (caps === null) throw new Error('binance has no live trading capabilities');
  const exchange = await createCcxtExchange('binance', {
    apiOrigin: url,
    websocket: true,
    timeoutMs: 5000,
    rateLimitMs: 1,
    credentials: LIVE_CRASH_KEY,
  });
  const breaker = new CircuitBreaker(clock, () => ({
    failures: 1_000,
    openMs: 30_000,
    closeAfter: 1,
  }));
  const bookRef: { current: LiveBook | undefined } = { current: undefined };
  const broker = new CcxtBroker({
    venue: 'binance',
    exchange,
    ccxt: await loadCcxt(),
    caps,
    db,
    clock,
    breaker,
    symbols: ['BTC/USDT'],
    book: () =>
      execution.ledger.positions('live:binance').map((p) => ({ symbol: p.symbol, qty: p.qty })),
    onStreamRecovered: () => bookRef.current?.reconcileSoon(),
    onError: fail,
    sleep: () => Promise.resolve(),
    random: () => 0.5,
  });
  await broker.start();
  const cash = (await broker.balances()).find((b) => b.asset === 'USDT')?.total ?? '0';
  const book = new LiveBook({
    db,
    audit,
    clock,
    scheduler,
    broker,
    executor: execution.executorFor(broker, clock),
    reconcileMs: 60_000,
    onError: fail,
  });
  bookRef.current = book;
  execution.addBook(book, 'USDT', cash);
  execution.activate(book.bookId);
  await book.start(); // the startup reconciliation, as openLiveBook runs it
  return book;
}

async function main(): Promise<void> {
  let step = stepNow();
  await moveExchange(step);
  const book = await openBook();
  const executor = book.executor;
  for (; step < total; step += 1) {
    const bar = candle(step);
    now = bar.openTime + 60_000; // the close of this bar
    await moveExchange(step);
    probe('child.exchange-moved');
    const r = mulberry32(seed * 100_003 + step);
    const key = (n: number): string => `s${seed}-${step}-${n}`;
    const close = Math.round(bar.close * 100) / 100;
    const px = (f: number): string => (Math.round(close * f * 100) / 100).toFixed(2);
    const qty = (): string => (0.002 + Math.floor(r() * 300) / 100_000).toFixed(5);
    const roll = r();
    if (roll < 0.25) {
      await executor.place(
        {
          symbol: 'BTC/USDT',
          side: r() < 0.7 ? 'buy' : 'sell',
          type: 'market',
          qty: qty(),
          requestKey: key(1),
        },
        'test',
      );
    } else if (roll < 0.45) {
      const buy = r() < 0.6;
      await executor.place(
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
      await executor.place(
        {
          symbol: 'BTC/USDT',
          side: 'buy',
          type: 'market',
          qty: qty(),
          bracket: { stopLoss: px(0.9985), takeProfit: px(1.0015) },
          requestKey: key(3),
        },
        'test',
      );
    } else if (roll < 0.77) {
      const open = executor.list(true).filter((o) => o.bracketRole === null);
      const victim = open[Math.floor(r() * open.length)];
      if (victim !== undefined && victim.state !== 'CANCEL_PENDING')
        await executor.cancel(victim.clientOrderId, 'test');
    } else if (roll < 0.8) {
      await executor.cancelAll('test');
    }
    await executor.idle();
    probe('child.step-done');
    db.prepare('UPDATE crash_progress SET step = ? WHERE id = 1').run(step + 1);
    if (step % 10 === 9) await book.reconcile();
  }
  // Completed: one last reconciliation after the grace period, then a clean exit.
  now += 120_000;
  await book.reconcile();
  await executor.idle();
  await book.stop();
  store.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(3);
  },
);
