import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { WebSocket } from 'ws';
import type { Candle } from '../../src-shared/domain/candle';
import type { EventEnvelope } from '../../src-shared/contract/events';
import { createVigilClient, type VigilClient } from '../../src-shared/contract/client';
import { WsServerFrameSchema, type CommandResult } from '../../src-shared/contract/wire';
import type { AlertTuning } from '../../src-main/engine/alerts/create-alerts';
import { Engine } from '../../src-main/engine/engine';
import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import type { LiveMarket } from '../../src-main/engine/market/live-market';
import { DEFAULT_SCANNER_CONFIG } from '../../src-main/engine/scanner/scoring/scanner-config';
import { checkKeyPermissions } from '../../src-main/engine/secrets/permission-check';
import type { SecretStore } from '../../src-main/engine/secrets/secret-store';
import type { LiveTradingTuning } from '../../src-main/engine/trading/open-live-book';
import { hostEngineOptions } from '../../src-main/host/host-engine';
import { startLocalControl, type LocalControl } from '../../src-main/host/local-control';
import { runCli } from '../../src-main/host/cli/run-cli';
import { sharedCandleFile } from './candle-data';
import { captureIo, type CapturedIo } from './capture-io';
import { LocalBinanceServer } from './local-binance-server';
import type { LocalExchangeServer, LocalMarket } from './local-exchange-server';
import { ManualClock } from './manual-clock';

/** Exchange time at the start: mid-session in the shared Binance 1m file (2018-06-18). */
export const LIVE_START = Date.parse('2018-06-18T12:00:30Z');

/** Eventual conditions on real sockets (not timings): generous on a loaded machine. */
export const POLL = { timeout: 20_000, interval: 20 } as const;

export const at = (iso: string): number => Date.parse(iso);

/**
 * `vigil exchange add main ...` for the rig's exchange (BTC/USDT 1m through its origin), with
 * any flag replaced: `{ exchange: 'nosuchex' }`, `{ 'api-origin': 'http://10.0.0.1' }`.
 */
export function addMainArgs(
  origin: string,
  replace: Readonly<Record<string, string>> = {},
): string[] {
  const flags = {
    exchange: 'binance',
    symbols: 'BTC/USDT',
    timeframes: '1m',
    'api-origin': origin,
    ...replace,
  };
  return ['exchange', 'add', 'main', ...Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v])];
}

/** Adds the rig's connection with the CLI and checks that it said so and nothing else. */
export async function addMain(r: LiveHostRig): Promise<void> {
  const { code, io } = await r.cli(addMainArgs(r.server.url));
  expect(io.err.join('')).toBe('');
  expect(code).toBe(0);
  expect(io.out.join('')).toBe(`added main: binance BTC/USDT (1m) via ${r.server.url}\n`);
}

/** A raw frame logger on the contract socket: everything the renderer would receive. */
export interface RendererSocket {
  readonly client: VigilClient;
  /** Every frame text as it arrived. */
  readonly frames: string[];
  readonly events: EventEnvelope[];
  close(): void;
}

export interface LiveHostRig<S extends LocalExchangeServer = LocalBinanceServer> {
  readonly dataDir: string;
  readonly clock: ManualClock;
  readonly server: S;
  readonly btc: readonly Candle[];
  engine: Engine;
  control: LocalControl;
  /** What the engine and host reported as errors (their log). */
  readonly log: string[];
  /** One step (1 s by default): the clock moves, the exchange streams, the feeds catch up. */
  tick(stepMs?: number): Promise<void>;
  /** Ticks until `until` (exchange time). */
  runUntil(until: number, stepMs?: number): Promise<void>;
  /** Ticks until the market is LIVE (at most 5 exchange minutes, else it throws). */
  untilLive(): Promise<void>;
  /** Runs the CLI in-process against this data folder (`--data-dir` added), with stdin text. */
  cli(args: readonly string[], stdin?: string): Promise<{ code: number; io: CapturedIo }>;
  /** A contract client on the host's WebSocket, as the browser UI connects. */
  renderer(): Promise<RendererSocket>;
  /** Stops host and engine and starts them again on the same data folder and clock. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A running host (engine + local control channel, host.json included) on a temp data folder,
 * in the hosts' configured-market mode, with a local Binance on 127.0.0.1 serving the shared
 * 1m candles, a manual clock for both, and the OS keychain (real Secret Service) for keys.
 * The scanner grades 1m bars so live closes produce signals within a test.
 */
export async function startLiveHost<S extends LocalExchangeServer = LocalBinanceServer>(
  dataDir: string,
  options: {
    /** The local exchange (default: the local Binance) over the shared BTC and ETH candles. */
    readonly exchange?: (markets: LocalMarket[], clock: () => number) => S;
    readonly secrets?: SecretStore;
    /** Live books' tuning (ccxt's timeout for trading calls, the reconcile period). */
    readonly liveTrading?: LiveTradingTuning;
    /** Alert channels' test seams (a local Telegram API). */
    readonly alerts?: AlertTuning;
    /** Runs once the exchange is up, before the host starts (e.g. the CLI, offline). */
    readonly beforeHost?: (rig: Pick<LiveHostRig<S>, 'server' | 'cli' | 'clock'>) => Promise<void>;
  } = {},
): Promise<LiveHostRig<S>> {
  const clock = new ManualClock(LIVE_START);
  const btc = (await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1m.csv'))).candles;
  const eth = (await loadCandleCsv(sharedCandleFile('binance_ETH-USDT_1m.csv'))).candles;
  const markets: LocalMarket[] = [
    { base: 'BTC', quote: 'USDT', candles: { '1m': btc } },
    { base: 'ETH', quote: 'USDT', candles: { '1m': eth } },
  ];
  const makeServer =
    options.exchange ??
    ((m: LocalMarket[], c: () => number) => new LocalBinanceServer(m, c) as unknown as S);
  const server = makeServer(markets, () => clock.now());
  await server.start();
  // A small replay (one real file) for the replay side of the source switch.
  const replayDir = join(dataDir, 'replay');
  mkdirSync(replayDir, { recursive: true });
  copyFileSync(
    sharedCandleFile('binance_ETH-USDT_1h.csv'),
    join(replayDir, 'binance_ETH-USDT_1h.csv'),
  );
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Vigil test</title>');
  const log: string[] = [];
  const onError = (error: unknown): void => {
    log.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  };
  const boot = async (): Promise<{ engine: Engine; control: LocalControl }> => {
    const engine = Engine.start({
      dataDir,
      version: 'test',
      host: 'host',
      clock,
      scheduler: clock,
      heartbeatMs: 3_600_000,
      onError,
      // The hosts' own composition (serve and the Electron app), with test pacing.
      ...hostEngineOptions(replayDir, {
        replay: { speed: '1x' },
        live: { backfill: 60, timeoutMs: 3000, staleAfterMs: 120_000 },
      }),
      ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
      ...(options.liveTrading === undefined ? {} : { liveTrading: options.liveTrading }),
      ...(options.alerts === undefined ? {} : { alerts: options.alerts }),
      permissionCheck: (input) => checkKeyPermissions({ ...input, timeoutMs: 3000 }),
      scanner: { config: { ...DEFAULT_SCANNER_CONFIG, timeframes: ['1m'] } },
    });
    const control = await startLocalControl({ engine, dataDir, rendererDir, port: 0, onError });
    return { engine, control };
  };
  const cli = async (
    args: readonly string[],
    stdin?: string,
  ): Promise<{ code: number; io: CapturedIo }> => {
    const io: CapturedIo = {
      ...captureIo(),
      input: {
        interactive: false,
        readSecret: () => Promise.reject(new Error('no terminal in this test')),
        readAll: () => Promise.resolve(stdin ?? ''),
      },
    };
    const code = await runCli([...args, '--data-dir', dataDir], io);
    return { code, io };
  };
  await options.beforeHost?.({ server, cli, clock });
  let { engine, control } = await boot();
  const rig: LiveHostRig<S> = {
    dataDir,
    clock,
    server,
    btc,
    log,
    get engine() {
      return engine;
    },
    get control() {
      return control;
    },
    async tick(stepMs = 1000) {
      clock.advance(stepMs);
      server.publish();
      const feed = engine.market.activeFeed() as LiveMarket | undefined;
      await (feed as { settled?: () => Promise<void> } | undefined)?.settled?.();
    },
    async runUntil(until, stepMs) {
      while (clock.now() < until) await rig.tick(stepMs);
    },
    async untilLive() {
      for (let i = 0; i < 300; i += 1) {
        if (engine.market.status().state === 'LIVE') return;
        await rig.tick();
        // Feeds attach asynchronously after a switch; let that work run between ticks.
        await new Promise((resolve) => setImmediate(resolve));
      }
      throw new Error(`market not LIVE: ${JSON.stringify(engine.market.status())}`);
    },
    cli,
    renderer: () => connectRenderer(control.server.port, control.server.url),
    async restart() {
      await control.stop();
      engine.stop('test restart');
      ({ engine, control } = await boot());
    },
    async stop() {
      await control.stop();
      engine.stop('test finished');
      await server.stop();
    },
  };
  return rig;
}

async function connectRenderer(port: number, url: string): Promise<RendererSocket> {
  const token = new URL(url).searchParams.get('token') ?? '';
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, {
    headers: { origin: `http://127.0.0.1:${port}` },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const frames: string[] = [];
  const events: EventEnvelope[] = [];
  const pending = new Map<number, (r: CommandResult<unknown>) => void>();
  let nextId = 1;
  socket.on('message', (data) => {
    const text = String(data);
    frames.push(text);
    const frame = WsServerFrameSchema.parse(JSON.parse(text));
    if (frame.type === 'event')
      events.push({ kind: frame.kind, payload: frame.payload } as EventEnvelope);
    else if (frame.id !== null) pending.get(frame.id)?.(frame.result as CommandResult<unknown>);
  });
  const client = createVigilClient({
    invoke: (name, input) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, command: name, input }));
      }),
    subscribe: () => () => {},
  });
  return { client, frames, events, close: () => socket.close() };
}
