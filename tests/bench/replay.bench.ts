import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine } from '../../src-main/engine/engine';
import { loadCandleCsv, type LoadedCandles } from '../../src-main/engine/market/csv-loader';
import { candleFilesAt } from '../../src-main/engine/market/data-check';
import { loadReplayOffThread } from '../../src-main/engine/market/replay-loader';
import { buildTimeline } from '../../src-main/engine/market/replay-timeline';
import type { WorkerEntry } from '../../src-main/engine/worker-entry';
import { SHARED_CANDLES_DIR } from '../support/candle-data';

const DERIVE = ['5m', '15m', '1h', '4h', '1d'] as const;
/** Ceiling for the main loop's busy time while a replay loads (the kill path waits on it). */
const BUSY_CEILING_MS = 50;
/** The board must have signals within seconds of the engine starting at the default 60x. */
const FIRST_SIGNAL_CEILING_MS = 5_000;
/** The loader worker as the built CLI starts it (no TypeScript loader in the thread). */
const BUILT_WORKER = resolve('out/cli/replay-loader-worker.mjs');

interface LoopLoad<T> {
  readonly result: T;
  /** A 1 ms timer's worst lateness: the longest the main loop could not answer. */
  readonly lagMs: number;
  /** Time the main loop spent running code (not waiting for events). */
  readonly busyMs: number;
  readonly ms: number;
}

/**
 * The main loop while `work` runs. On a loaded machine the timer's lateness also counts time
 * the OS gave the core to another process; the loop's busy time (eventLoopUtilization) does
 * not. Both are printed, with the same probe on an idle loop as this machine's noise floor.
 */
async function measureLoop<T>(work: () => Promise<T>): Promise<LoopLoad<T>> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 1);
    last = now;
  }, 1);
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  try {
    const result = await work();
    const elu = performance.eventLoopUtilization(elu0);
    return { result, lagMs: worst, busyMs: elu.active, ms: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

const idle = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Parse and merge on the main thread: where the loader did this work before. */
async function loadInThread(dir: string): Promise<number> {
  const loaded: LoadedCandles[] = [];
  for (const file of candleFilesAt(dir)) {
    try {
      loaded.push(await loadCandleCsv(file));
    } catch {
      // a refused file is skipped, as the loader does
    }
  }
  return buildTimeline(loaded, DERIVE).length;
}

function largeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-replay-'));
  const files = readdirSync(SHARED_CANDLES_DIR).filter((f) => f.endsWith('.csv'));
  for (const copy of ['x1', 'x2', 'x3', 'x4'])
    for (const f of files)
      copyFileSync(
        join(SHARED_CANDLES_DIR, f),
        join(dir, `${copy}_${f.slice(f.indexOf('_') + 1)}`),
      );
  return dir;
}

/** Milliseconds from Engine.start on the bundled replay at 60x to the first signal on the board. */
async function firstSignalMs(): Promise<{ boardMs: number; playingMs: number; signals: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-first-'));
  const t0 = performance.now();
  let playingMs = NaN;
  const engine = Engine.start({
    dataDir,
    version: 'bench',
    host: 'bench',
    onError: (e) => console.error(e),
    market: { kind: 'replay', replayDir: 'resources/data', autoPlay: true },
  });
  try {
    const boardMs = await new Promise<number>((done) => {
      engine.events.subscribe((e) => {
        if (e.kind === 'replayChanged' && e.payload.playing && Number.isNaN(playingMs))
          playingMs = performance.now() - t0;
        if (e.kind === 'boardUpdated') done(performance.now() - t0);
      });
    });
    await engine.pipeline?.ready;
    return { boardMs, playingMs, signals: engine.signals.list().length };
  } finally {
    engine.stop('bench done');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The replay loader: the main loop while a replay loads, with the work on the main thread (as
 * before) and in the loader's worker thread (now, the built worker when `npm run build` ran),
 * on the bundled data and on a large folder (the shared candles four times over, ~1M bar
 * events); and how soon the board has signals after the engine starts at 60x.
 */
export async function runReplayBench(): Promise<void> {
  const built = existsSync(BUILT_WORKER);
  const entry: WorkerEntry | undefined = built
    ? { url: pathToFileURL(BUILT_WORKER), execArgv: [] }
    : undefined;
  if (!built)
    console.log('replay: (out/cli not built: the worker runs from the TypeScript sources)');
  const large = largeDir();
  try {
    for (const [label, dir] of [
      ['bundled resources/data', 'resources/data'],
      ['large folder (shared candles x4)', large],
    ] as const) {
      // The worker first: the main-thread load leaves a heap of garbage whose collection would
      // land in whatever is measured next.
      await loadReplayOffThread(dir, DERIVE, undefined, entry); // warm-up: page cache
      const after = await measureLoop(() => loadReplayOffThread(dir, DERIVE, undefined, entry));
      const floor = await measureLoop(() => idle(after.ms));
      await loadInThread(dir); // warm-up: JIT
      const before = await measureLoop(() => loadInThread(dir));
      const events = after.result.timeline.length.toLocaleString('en-US');
      // The 1 ms probe costs the loop its own time: what the idle loop spent on it is not load.
      const net = Math.max(0, after.busyMs - floor.busyMs);
      const netBefore = Math.max(0, before.busyMs - floor.busyMs * (before.ms / floor.ms));
      console.log(
        `replay: load ${label} (${events} bar events): main loop busy ${netBefore.toFixed(0)} of ${before.ms.toFixed(0)} ms on the main thread -> ${net.toFixed(0)} of ${after.ms.toFixed(0)} ms with the worker (${(netBefore / Math.max(net, 1)).toFixed(0)}x less; net of the probe's own ${floor.busyMs.toFixed(0)} ms); ceiling ${BUSY_CEILING_MS} ms ${net <= BUSY_CEILING_MS ? 'OK' : 'EXCEEDED'}`,
      );
      console.log(
        `replay: load ${label}: main-loop lag max ${before.lagMs.toFixed(1)} ms on the main thread -> ${after.lagMs.toFixed(1)} ms with the worker (an idle loop on this machine now: ${floor.lagMs.toFixed(1)} ms)`,
      );
    }
  } finally {
    rmSync(large, { recursive: true, force: true });
  }
  const first = await firstSignalMs();
  console.log(
    `replay: first signal on the board ${first.boardMs.toFixed(0)} ms after Engine.start at 60x (playing after ${first.playingMs.toFixed(0)} ms; ${first.signals} signals at once); ceiling ${FIRST_SIGNAL_CEILING_MS} ms ${first.boardMs <= FIRST_SIGNAL_CEILING_MS ? 'OK' : 'EXCEEDED'}`,
  );
}
