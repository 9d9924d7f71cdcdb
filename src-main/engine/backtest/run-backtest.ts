import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError } from '../../../src-shared/contract/command-refusal';
import type { BacktestMetrics } from '../../../src-shared/contract/backtest';
import { databasePath, ensureDataDir } from '../data-dir';
import { Engine } from '../engine';
import type { EventLoopLagMonitor } from '../event-loop-lag';
import type { ReplayFeed } from '../market/replay-feed';
import { buildReport } from '../reports/build-report';
import { ledgerSourceOn } from '../reports/engine-report-source';
import { fillsCsv, lotsCsv } from '../reports/report-csv';
import type { Report } from '../reports/report-model';
import { renderReportPdf } from '../reports/report-pdf';
import { localDate, rangePeriod, startOfLocalDay } from '../reports/report-period';
import { RISK_CONFIG_KEY } from '../risk/risk-config-store';
import { openVigilStore } from '../schema';
import { Settings } from '../settings';
import { CalibrationStore } from '../scanner/calibration/calibration-store';
import { BacktestClock } from './backtest-clock';
import type { BacktestPlan } from './backtest-plan';
import {
  BacktestCancelledError,
  type BacktestProgressUpdate,
  type BacktestResult,
} from './backtest-result';
import { settleClose } from './settle-close';

export interface BacktestOptions {
  readonly plan: BacktestPlan;
  readonly onProgress?: (update: BacktestProgressUpdate) => void;
  /** Asked between bar closes: true stops the run (BacktestCancelledError). */
  readonly cancelled?: () => boolean;
  /** Where the run's throwaway data folder is made (default: the OS temp folder). */
  readonly tempRoot?: string;
}

/** A new install's paper balance (the engine's default), kept when a margin account is set up. */
const PAPER_START = '10000';

/** The client id tag of a backtest's throwaway book: fixed, so its CSVs are the same bytes. */
const BACKTEST_CLIENT_TAG = 'bt00';

/** Nobody watches a backtest engine's loop lag: no 1 ms timer competing with the run. */
const NO_LAG_MONITOR: EventLoopLagMonitor = {
  snapshot: () => ({ p50Ms: 0, p99Ms: 0, maxMs: 0, maxBusyMs: 0, windowMs: 0, samples: 0 }),
  stop: () => {},
};

/** Share of the progress bar each stage takes (replaying is the run). */
const LOADED = 0.05;
const REPLAYED = 0.9;

/**
 * The data folder of a backtest: a fresh Vigil database holding the run's risk configuration
 * (as a trader's saved one) and a fixed client id tag. Everything else starts as a new install.
 */
function seedDataDir(root: string, plan: BacktestPlan): string {
  const dir = mkdtempSync(join(root, 'vigil-backtest-'));
  ensureDataDir(dir);
  const store = openVigilStore(databasePath(dir));
  try {
    store.db
      .prepare("INSERT INTO exec_meta (key, value) VALUES ('client_id_tag', ?)")
      .run(BACKTEST_CLIENT_TAG);
    new Settings(store.db).set(RISK_CONFIG_KEY, plan.risk);
    new CalibrationStore(store.db).save(plan.calibrations);
  } finally {
    store.close();
  }
  return dir;
}

/**
 * Runs a backtest on the engine itself: the same composition as `vigil serve` (replay feed,
 * scanner worker, plans and autopilot, risk gate and control modes, paper broker and its fill
 * model, ledger), over a throwaway data folder, with market time as its only clock. The replay
 * plays at `max`, one close time at a time, each close's consequences settled before the
 * next (so the same candles always give the same orders); then the monthly export's report is
 * built from the book's ledger. Same plan in, same bytes out.
 */
export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  const { plan } = options;
  const progress = options.onProgress ?? (() => {});
  const cancelled = options.cancelled ?? (() => false);
  const zone = plan.risk.timeZone;
  const dir = seedDataDir(options.tempRoot ?? tmpdir(), plan);
  const errors: unknown[] = [];
  const clock = new BacktestClock(plan.from === null ? 0 : dayStart(plan.from, zone));
  const engine = Engine.start({
    dataDir: dir,
    version: 'backtest',
    host: 'backtest',
    clock,
    scheduler: clock,
    monotonic: clock,
    lagMonitor: NO_LAG_MONITOR,
    // No window watches a backtest's book: its valuation is not pushed after every bar close.
    bookValuations: 'on-request',
    timeZone: zone,
    // Nothing in a backtest waits for real time to pass.
    sleep: () => Promise.resolve(),
    onError: (error) => errors.push(error),
    // Loaded on this thread too (the backtest's own worker, off the host's loop), and no replay
    // position kept: no restart ever resumes a throwaway folder.
    market: {
      kind: 'replay',
      replayDir: plan.data,
      speed: 'max',
      loader: 'this-thread',
      keepPosition: false,
    },
    // This engine already runs in the backtest's worker, off the main loop: its scanner
    // computes here, with no thread round trip per bar close.
    scanner: { config: plan.scanner, placement: 'this-thread' },
  });
  try {
    progress({ stage: 'loading', fraction: 0, at: null, candles: 0 });
    await engine.pipeline?.ready;
    failOnErrors(errors);
    const feed = engine.market.replayFeed();
    clock.follow(feed.clock.now);
    // The end of a backtest's data is the end of the test (the feed ENDS, no panic): positions
    // still open stay open, valued at the last marks, and nothing is cancelled.
    // A margin account is set up as a trader sets one up in the cockpit (Reset paper account,
    // margin on), before the first bar: same starting balance, same audit and ledger rows.
    if (plan.account === 'margin')
      engine.execution.resetPaper(
        PAPER_START,
        'system:backtest',
        'backtest on a margin account',
        true,
      );
    const window = await placeReplay(engine, feed, plan, zone);
    const startState = feed.state();
    const firstBar = feed.closedBars;
    if (plan.autopilot === 'prime')
      engine.autopilot.set('paper', 'on', 'system:backtest', { reason: 'backtest' });
    feed.play('max');
    // A close time's bars (paper fills, marks, equity samples of every market) are written in
    // one transaction: the same rows in the same order as one per bar, without a commit each.
    // Only the synchronous part: what the close sets off (scans, orders) commits on its own.
    const advance = engine.store.db.transaction(() => feed.advance());
    const total = Math.max(1, feed.closesAhead(window.endMs));
    let done = 0;
    let shown = -1;
    for (let next = feed.nextClose(); next !== null && next <= window.endMs;) {
      if (cancelled()) throw new BacktestCancelledError();
      advance();
      await settleClose(engine);
      done += 1;
      next = feed.nextClose();
      const percent = Math.floor((done / total) * 100);
      if (percent !== shown) {
        shown = percent;
        progress({
          stage: 'replaying',
          fraction: LOADED + (REPLAYED - LOADED) * (done / total),
          at: feed.state().now,
          candles: feed.closedBars - firstBar,
        });
      }
    }
    // The range ends before the data: no bar is coming, so market orders still working fill
    // at the last price, as in a paused replay.
    if (!feed.state().finished) feed.pause();
    await settleClose(engine);
    failOnErrors(errors);
    const candles = feed.closedBars - firstBar;
    progress({ stage: 'reporting', fraction: REPLAYED, at: feed.state().now, candles });
    const fromDay = localDate(startState.now, zone);
    const toDay = localDate(Math.max(startState.now, feed.state().now - 1), zone);
    const period = rangePeriod(fromDay, toDay, zone, Number.MAX_SAFE_INTEGER);
    const report = await buildReport({
      source: ledgerSourceOn(engine.store.db, engine.execution.ledger, period.toMs),
      book: 'paper',
      period,
      generatedAt: period.toMs,
    });
    const pdf = await renderReportPdf(report);
    const metrics = backtestMetrics(report, fromDay, toDay, candles, autopilotDecisions(engine));
    progress({ stage: 'done', fraction: 1, at: feed.state().now, candles });
    return {
      metrics,
      baseName: `vigil-backtest-${fromDay}_${toDay}`,
      pdf,
      lotsCsv: Buffer.from(lotsCsv(report), 'utf8'),
      fillsCsv: Buffer.from(fillsCsv(report), 'utf8'),
      metricsJson: Buffer.from(`${JSON.stringify(metrics, null, 2)}\n`, 'utf8'),
    };
  } finally {
    engine.stop('backtest finished');
    rmSync(dir, { recursive: true, force: true });
  }
}

function dayStart(day: string, zone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return startOfLocalDay(y ?? 0, m ?? 0, d ?? 0, zone);
}

/** What the engine reported while it ran is the backtest's failure, never a footnote. */
function failOnErrors(errors: readonly unknown[]): void {
  const [first] = errors;
  if (first === undefined) return;
  const text = errors.map((e) => (e instanceof Error ? e.message : String(e))).join('; ');
  throw new Error(`backtest: the engine reported ${errors.length} error(s): ${text}`, {
    cause: first,
  });
}

/**
 * Puts the replay at the first day asked for (never before the scanner's warm-up history:
 * the default start) and works out where it ends: the end of the last day asked for, or the
 * data's end. A range outside the data is refused, naming the data's days.
 */
async function placeReplay(
  engine: Engine,
  feed: ReplayFeed,
  plan: BacktestPlan,
  zone: string,
): Promise<{ endMs: number }> {
  const state = feed.state();
  const runs = `the data runs from ${localDate(state.start, zone)} to ${localDate(state.end - 1, zone)} (${zone})`;
  if (plan.from !== null) {
    const fromMs = dayStart(plan.from, zone);
    if (fromMs >= state.end)
      throw new InvalidInputError('backtest', [
        { path: 'from', message: `${plan.from} is after the data; ${runs}` },
      ]);
    if (fromMs > state.now) {
      engine.market.controlReplay({ action: 'seek', to: fromMs });
      await settleClose(engine);
    }
  }
  let endMs = state.end;
  if (plan.to !== null) {
    const [y, m, d] = plan.to.split('-').map(Number);
    const next = new Date(Date.UTC(y ?? 0, (m ?? 0) - 1, (d ?? 0) + 1));
    endMs = startOfLocalDay(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), zone);
    if (endMs <= feed.state().now)
      throw new InvalidInputError('backtest', [
        {
          path: 'to',
          message: `${plan.to} ends before the backtest starts (${localDate(feed.state().now, zone)}, after the scanner's warm-up); ${runs}`,
        },
      ]);
  }
  return { endMs };
}

type Decisions = Pick<BacktestMetrics, 'plans' | 'skipped'>;

/**
 * What the autopilot did with the PRIME signals, from the run's audit chain (which goes with
 * its throwaway folder): how many plans, and why those not sent were skipped.
 */
export function autopilotDecisions(engine: Engine): Decisions {
  const db = engine.store.db;
  const count = (kind: string): number =>
    (db.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE kind = ?').get(kind) as { n: number }).n;
  // By cause, not by the words: a reason carries the figures of its own case (quantities,
  // balances), so grouping by it gave one row per skip. SQLite takes the bare `reason` from
  // the row MIN(seq) picks: each cause's first skip, in words.
  const rows = db
    .prepare(
      `SELECT json_extract(payload, '$.why') AS why, json_extract(payload, '$.reason') AS reason,
              COUNT(*) AS n, MIN(seq) AS first FROM audit_log
        WHERE kind = 'autopilot.skipped' GROUP BY why ORDER BY n DESC, why`,
    )
    .all() as Array<{ why: string; reason: string; n: number }>;
  return {
    plans: count('plan.proposed'),
    skipped: rows.map((r) => ({ why: String(r.why), reason: String(r.reason), count: r.n })),
  };
}

/** The report's figures as one flat object (exact decimals as text). */
export function backtestMetrics(
  report: Report,
  from: string,
  to: string,
  candles: number,
  decisions: Decisions,
): BacktestMetrics {
  const s = report.summary;
  return {
    from,
    to,
    timeZone: report.period.timeZone,
    currency: report.currency,
    candles,
    trades: s.trades,
    wins: s.wins,
    losses: s.losses,
    fills: s.fills,
    fees: s.fees.toFixed(),
    realizedPnl: s.realizedPnl.toFixed(),
    unrealizedPnl: s.unrealizedPnl?.toFixed() ?? null,
    openPositions: report.openPositions.map((p) => ({
      symbol: p.symbol,
      direction: p.direction,
      quantity: p.quantity.toFixed(),
      mark: p.mark?.toFixed() ?? null,
      unrealizedPnl: p.unrealizedPnl?.toFixed() ?? null,
    })),
    startEquity: s.startEquity?.toFixed() ?? null,
    endEquity: s.endEquity?.toFixed() ?? null,
    maxDrawdown: s.maxDrawdown?.depth.toFixed() ?? null,
    maxDrawdownPct: s.maxDrawdown === null ? null : s.maxDrawdown.depthFraction * 100,
    sharpe: s.sharpe,
    sortino: s.sortino,
    rejections: s.rejections,
    ...decisions,
    halts: s.halts,
    kills: s.kills,
  };
}
