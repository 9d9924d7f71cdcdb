import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Candle } from '../../src-shared/domain/candle';
import { AuditLog } from '../../src-main/engine/audit/audit-log';
import { Executor, type ExecutorOptions } from '../../src-main/engine/execution/executor';
import {
  PaperBroker,
  type PaperBrokerOptions,
} from '../../src-main/engine/execution/paper/paper-broker';
import { Ledger } from '../../src-main/engine/ledger/ledger';
import type { Store } from '../../src-main/engine/store/open-store';
import { openVigilStore } from '../../src-main/engine/schema';
import { ManualClock } from './manual-clock';

export const CANDLE_DIR = '/work/shared/data/candles';

/** Reads one of the shared real candle files (timestamp,open,high,low,close,volume). */
export function loadCandles(file: string): Candle[] {
  const text = readFileSync(join(CANDLE_DIR, file), 'utf8').trim().split('\n');
  return text.slice(1).map((line, i) => {
    const [t = NaN, o = NaN, h = NaN, l = NaN, c = NaN, v = NaN] = line.split(',').map(Number);
    if (![t, o, h, l, c, v].every(Number.isFinite))
      throw new Error(`${file} line ${i + 2}: bad row '${line}'`);
    return { openTime: t, open: o, high: h, low: l, close: c, volume: v };
  });
}

export interface ExecutionRig {
  readonly store: Store;
  readonly clock: ManualClock;
  readonly audit: AuditLog;
  readonly ledger: Ledger;
  readonly broker: PaperBroker;
  readonly executor: Executor;
}

/** Executor + ledger + paper broker on one database, with a manual clock. */
export function makeRig(
  options: {
    path?: string;
    start?: number;
    paper?: Partial<PaperBrokerOptions>;
    executor?: Partial<ExecutorOptions>;
    startingBalance?: string;
  } = {},
): ExecutionRig {
  const store = openVigilStore(options.path ?? ':memory:');
  const clock = new ManualClock(options.start ?? 1_529_297_000_000);
  const audit = new AuditLog(store.db, clock);
  const ledger = new Ledger(store.db);
  const startingBalance = options.startingBalance ?? '10000';
  const broker = new PaperBroker({ db: store.db, clock, startingBalance, ...options.paper });
  ledger.ensureBook('paper', broker.quoteAsset, startingBalance, clock.now());
  const executor = new Executor({
    db: store.db,
    clock,
    audit,
    broker,
    ledger,
    sleep: () => Promise.resolve(),
    random: () => 0.5,
    ...options.executor,
  });
  executor.start();
  return { store, clock, audit, ledger, broker, executor };
}

/** list[i], or a clear failure (tests index real data; a miss is a test bug, not undefined). */
export function at<T>(list: readonly T[], i: number): T {
  const v = list[i];
  if (v === undefined) throw new Error(`no element ${i} (length ${list.length})`);
  return v;
}

/** Feeds a BTC/USDT 1m bar as closed: the clock stands at its close, then the venue sees it. */
export function feedBtcMinute(rig: ExecutionRig, bar: Candle): void {
  rig.clock.advance(bar.openTime + 60_000 - rig.clock.now());
  rig.broker.onBar('BTC/USDT', bar, '1m');
  rig.ledger.markBar(
    'paper',
    'BTC/USDT',
    rig.broker.lastPrice('BTC/USDT') ?? 'missing',
    bar.openTime,
  );
}
