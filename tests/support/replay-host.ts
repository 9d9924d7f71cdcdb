import type { EventEnvelope } from '../../src-shared/contract/events';
import { Engine, type EngineOptions } from '../../src-main/engine/engine';
import type { ReplayFeed } from '../../src-main/engine/market/replay-feed';
import { connectToHost, type HostConnection } from '../../src-main/host/cli/host-client';
import { startLocalControl, type LocalControl } from '../../src-main/host/local-control';
import { ManualClock } from './manual-clock';

export interface ReplayHost {
  readonly engine: Engine;
  readonly clock: ManualClock;
  /** The contract over the host's authenticated WebSocket, as the UI and the CLI speak it. */
  readonly host: HostConnection;
  readonly events: EventEnvelope[];
  readonly errors: unknown[];
  replay(): ReplayFeed;
  /** Closes the connection and the server, stops the engine (it saves the replay position). */
  stop(): Promise<void>;
}

/**
 * The engine as `vigil serve` composes it, on the bundled replay (resources/data), paused,
 * with its local control channel on 127.0.0.1 and a client connected through host.json.
 * Time is a manual clock: nothing plays unless the test steps or advances it.
 */
export async function startReplayHost(
  dataDir: string,
  options: {
    /** Another replay folder than the bundled one. */
    readonly replayDir?: string;
    /** Connect while the replay is still loading (default: once it is loaded and warm). */
    readonly beforeReady?: boolean;
    /** Scanner settings other than the defaults (tiers tuned to the replay's data). */
    readonly scanner?: EngineOptions['scanner'];
  } = {},
): Promise<ReplayHost> {
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00Z'));
  const errors: unknown[] = [];
  const engine = Engine.start({
    dataDir,
    version: 'test',
    host: 'test',
    clock,
    scheduler: clock,
    heartbeatMs: 3_600_000,
    timeZone: 'UTC',
    // Kill retries do not wait: the paused replay fills the flatten at the last price.
    sleep: () => Promise.resolve(),
    onError: (e) => errors.push(e),
    market: { kind: 'replay', replayDir: options.replayDir ?? 'resources/data', speed: '60x' },
    ...(options.scanner === undefined ? {} : { scanner: options.scanner }),
  });
  const events: EventEnvelope[] = [];
  engine.events.subscribe((e) => events.push(e));
  let control: LocalControl | undefined;
  try {
    if (options.beforeReady !== true) await engine.pipeline?.ready;
    control = await startLocalControl({
      engine,
      dataDir,
      rendererDir: dataDir,
      port: 0,
      onError: (e) => errors.push(e),
    });
  } catch (error) {
    engine.stop('test failed to start');
    throw error;
  }
  const local = control;
  const host = await connectToHost(dataDir);
  return {
    engine,
    clock,
    host,
    events,
    errors,
    replay: () => engine.market.replayFeed(),
    stop: async () => {
      host.close();
      await local.stop();
      engine.stop('test end');
    },
  };
}
