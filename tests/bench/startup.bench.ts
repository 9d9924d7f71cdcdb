// Startup benchmarks through the built CLI, the way a trader meets Vigil: `vigil serve` from
// process start to a ready host and to the first signal on the board (a client connected
// as the UI does), the main loop's lag meanwhile, and `vigil kill` typed in a terminal from
// process start to the engine's reply. Needs `npm run build` first.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { EventEnvelope } from '../../src-shared/contract/events';
import { connectToHost, type HostConnection } from '../../src-main/host/cli/host-client';
import { against, distribution } from './measure';

const run = promisify(execFile);
/** How long the bench waits for a first signal before it reports "not within". */
const SIGNAL_WAIT_MS = 30_000;
/** How long a max-speed replay may run before the lag figure is read anyway. */
const REPLAY_WAIT_MS = 60_000;
const KILLS = 10;

interface Host {
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** performance.now() at spawn. */
  readonly spawnedAt: number;
  /** ms from spawn to the "Open http://..." line (host.json written, server listening). */
  readonly readyMs: number;
  stop(): Promise<void>;
}

async function startHost(): Promise<Host> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  const spawnedAt = performance.now();
  const child = spawn(
    process.execPath,
    ['bin/vigil.mjs', 'serve', '--port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const readyMs = await new Promise<number>((resolve, reject) => {
    const seen = (d: Buffer): void => {
      output += d.toString();
      if (output.includes('Open http://127.0.0.1:')) resolve(performance.now() - spawnedAt);
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`vigil serve exited ${code}: ${output}`)));
  });
  return {
    dataDir,
    child,
    spawnedAt,
    readyMs,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves with performance.now() when the board first has a row (listed or pushed). */
function firstRow(host: HostConnection, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      resolve(performance.now());
    };
    const seen = (e: EventEnvelope): boolean =>
      e.kind === 'boardUpdated' && e.payload.rows.length > 0;
    if (host.received.some(seen)) return done();
    host.client.on('boardUpdated', (u) => {
      if (u.rows.length > 0) done();
    });
    void host.client.call('listSignals', {}).then((rows) => {
      if (rows.length > 0) done();
    });
  });
}

/** Sets max speed as soon as the replay has loaded (the engine refuses it while loading). */
async function playAtMax(host: HostConnection, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    // The feed's next state change, or the engine's 1 s heartbeat, whichever comes first.
    const nextStatus = new Promise<void>((resolve) => {
      const offs = [
        host.client.on('feedStatusChanged', () => done()),
        host.client.on('statusChanged', () => done()),
      ];
      const done = (): void => {
        for (const off of offs) off();
        resolve();
      };
    });
    try {
      await host.client.call('controlReplay', { action: 'play', speed: 'max' });
      return;
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await nextStatus; // loading: try again when the feed's state moves
    }
  }
}

function feedDown(host: HostConnection, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    host.client.on('feedStatusChanged', (s) => {
      if (s.state === 'DOWN') {
        clearTimeout(timer);
        resolve(true);
      }
    });
  });
}

async function firstSignalBench(speed: '60x' | 'max'): Promise<void> {
  const host = await startHost();
  try {
    const client = await connectToHost(host.dataDir);
    try {
      if (speed === 'max') await playAtMax(client, SIGNAL_WAIT_MS);
      const at = await firstRow(client, SIGNAL_WAIT_MS);
      const firstMs = at === null ? null : at - host.spawnedAt;
      const label = speed === 'max' ? 'at max speed (set on connect)' : 'at the default 60x';
      console.log(
        `  vigil serve, first signal on the board ${label}: ${firstMs === null ? `none within ${SIGNAL_WAIT_MS / 1000} s` : `${(firstMs / 1000).toFixed(2)} s`} after process start ${speed === '60x' ? against(firstMs ?? Number.POSITIVE_INFINITY, '<', 5000, ' ms') : ''}`,
      );
      if (speed === 'max') {
        const ended = await feedDown(client, REPLAY_WAIT_MS);
        const lag = (await client.client.call('getStatus', {})).eventLoopLag;
        console.log(
          `  main-loop lag from startup through replay load and ${ended ? 'the whole' : `${REPLAY_WAIT_MS / 1000} s of`} max-speed replay (host's own 1 ms monitor, last ${lag.windowMs / 1000} s): p99 ${lag.p99Ms.toFixed(2)} ms, max ${lag.maxMs.toFixed(2)} ms ${against(lag.maxMs, '<', 50, ' ms')}; ${busy(lag.maxBusyMs)}`,
        );
      } else {
        const lag = (await client.client.call('getStatus', {})).eventLoopLag;
        console.log(
          `  main-loop lag from startup through replay load (host's own monitor): p99 ${lag.p99Ms.toFixed(2)} ms, max ${lag.maxMs.toFixed(2)} ms ${against(lag.maxMs, '<', 50, ' ms')}; ${busy(lag.maxBusyMs)}`,
        );
      }
    } finally {
      client.close();
    }
  } finally {
    await host.stop();
  }
}

/** The loop's own share of its worst lateness (the rest: waiting for a core or the disk). */
function busy(maxBusyMs: number): string {
  return `of a late timer, at most ${maxBusyMs.toFixed(2)} ms was the loop's own thread on a CPU (our code blocking; the rest is the machine) ${against(maxBusyMs, '<', 50, ' ms')}`;
}

/** ms from spawning `command` to its first stdout line matching `reply`; then waits for exit. */
async function timeToReply(
  command: string,
  args: readonly string[],
  reply: RegExp,
): Promise<number> {
  const start = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let replyAt: number | null = null;
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
    if (replyAt === null && reply.test(output)) replyAt = performance.now();
  });
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0 || replyAt === null)
    throw new Error(`${args.join(' ')} exited ${code}: ${output}`);
  return replyAt - start;
}

async function killBench(): Promise<void> {
  const host = await startHost();
  try {
    console.log(
      `  vigil serve: host ready (host.json written, listening) ${host.readyMs.toFixed(0)} ms after process start`,
    );
    const direct: number[] = [];
    const viaNpm: number[] = [];
    const rearm = (): Promise<unknown> =>
      run(process.execPath, ['bin/vigil.mjs', 'rearm', '--data-dir', host.dataDir]);
    for (let i = 0; i < KILLS; i += 1) {
      direct.push(
        await timeToReply(
          process.execPath,
          ['bin/vigil.mjs', 'kill', '--reason', 'bench', '--data-dir', host.dataDir],
          /^HALTED \(kill /m,
        ),
      );
      await rearm();
      if (i % 2 === 0) {
        viaNpm.push(
          await timeToReply(
            'npm',
            [
              'run',
              '--silent',
              'vigil',
              '--',
              'kill',
              '--reason',
              'bench',
              '--data-dir',
              host.dataDir,
            ],
            /^HALTED \(kill /m,
          ),
        );
        await rearm();
      }
    }
    const d = distribution(direct);
    const n = distribution(viaNpm);
    console.log(
      `  vigil kill (bin/vigil.mjs, the built bundle) from process start to the engine's reply: p50 ${d.p50.toFixed(0)} ms, max ${d.max.toFixed(0)} ms (n=${d.count}) ${against(d.p50, '<', 300, ' ms')}`,
    );
    console.log(
      `  npm run vigil -- kill (npm's own start added): p50 ${n.p50.toFixed(0)} ms, max ${n.max.toFixed(0)} ms (n=${n.count})`,
    );
  } finally {
    await host.stop();
  }
}

export async function runStartupBench(): Promise<void> {
  if (!existsSync('out/cli/vigil.mjs') || !existsSync('out/renderer/index.html')) {
    console.log('  (not built: run `npm run build` first)');
    return;
  }
  await killBench();
  await firstSignalBench('60x');
  await firstSignalBench('max');
  const load = loadavg().map((l) => l.toFixed(1));
  console.log(
    `  (machine load average while measuring: ${load.join(' ')} on ${availableParallelism()} cores)`,
  );
}
