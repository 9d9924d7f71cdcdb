import { createRequire } from 'node:module';
import type * as Ws from 'ws';
import { createVigilClient, type VigilClient } from '../../../src-shared/contract/client';
import type { EventEnvelope } from '../../../src-shared/contract/events';
import { readServerFrame } from '../../../src-shared/contract/server-frame';
import type { CommandResult } from '../../../src-shared/contract/wire';
import { readRuntimeFile } from '../runtime-file';
import { HostUnreachableError } from './host-unreachable-error';

/**
 * ws through require, not import: its ESM wrapper sends a dozen CommonJS files through the ESM
 * loader, which cost `vigil kill` 100-250 ms of its start on a busy machine (require: 40-80).
 */
const { WebSocket } = createRequire(import.meta.url)('ws') as typeof Ws;

export interface HostConnection {
  readonly client: VigilClient;
  /** Every event received since connecting, in order (for commands that race their events). */
  readonly received: readonly EventEnvelope[];
  close(): void;
}

/** Starts a one-shot timer and returns its cancel; injected so tests fire it by hand. */
export type StartTimer = (ms: number, onTimeout: () => void) => () => void;

const realTimer: StartTimer = (ms, onTimeout) => {
  const timer = setTimeout(onTimeout, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export interface HostClientOptions {
  /** How long one call may wait for its reply (default 15 s). */
  readonly callTimeoutMs?: number;
  /** How long connecting may take (default 5 s). */
  readonly connectTimeoutMs?: number;
  readonly startTimer?: StartTimer;
}

/**
 * Connects to the app or host running on `dataDir`, found through its host.json, over the
 * authenticated local WebSocket — the same contract the UI speaks. Every call is bounded: a
 * host that accepts the connection but never answers (stuck, or a bug) gives a TIMEOUT error
 * instead of a CLI that hangs.
 */
export async function connectToHost(
  dataDir: string,
  options: HostClientOptions = {},
): Promise<HostConnection> {
  const startTimer = options.startTimer ?? realTimer;
  const callTimeoutMs = options.callTimeoutMs ?? 15_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  let info;
  try {
    info = readRuntimeFile(dataDir);
  } catch (error) {
    throw new HostUnreachableError((error as Error).message);
  }
  const url = `ws://127.0.0.1:${info.port}/ws?token=${encodeURIComponent(info.token)}`;
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    const cancel = startTimer(connectTimeoutMs, () => {
      socket.terminate();
      reject(
        new HostUnreachableError(
          `The Vigil at 127.0.0.1:${info.port} for ${dataDir} did not accept a connection within ${connectTimeoutMs / 1000} s; is it stuck?`,
        ),
      );
    });
    socket.once('open', () => {
      cancel();
      resolve();
    });
    socket.once('error', (error) => {
      cancel();
      reject(
        new HostUnreachableError(
          `No running Vigil answered at 127.0.0.1:${info.port} for ${dataDir} (${error.message}); is it still running?`,
        ),
      );
    });
  });

  const pending = new Map<number, (result: CommandResult<unknown>) => void>();
  const listeners = new Set<(event: EventEnvelope) => void>();
  const received: EventEnvelope[] = [];
  let nextId = 1;

  socket.on('message', (data) => {
    let frame;
    try {
      frame = readServerFrame(JSON.parse(String(data)));
    } catch {
      frame = null; // not JSON
    }
    // Not ours to interpret; the reply we wait for will time out or close.
    if (frame === null) return;
    if (frame.type === 'reply') {
      const settle = frame.id === null ? undefined : pending.get(frame.id);
      if (settle !== undefined && frame.id !== null) {
        pending.delete(frame.id);
        settle(frame.result as CommandResult<unknown>);
      }
    } else {
      const event = { kind: frame.kind, payload: frame.payload } as EventEnvelope;
      received.push(event);
      for (const listener of listeners) listener(event);
    }
  });
  socket.on('close', () => {
    for (const settle of pending.values())
      settle({
        ok: false,
        error: { code: 'TRANSPORT_CLOSED', message: 'The host closed the connection.' },
      });
    pending.clear();
  });

  const client = createVigilClient({
    invoke(name, input) {
      const id = nextId++;
      return new Promise((resolve) => {
        const cancel = startTimer(callTimeoutMs, () => {
          pending.delete(id);
          resolve({
            ok: false,
            error: {
              code: 'TIMEOUT',
              message: `The Vigil at 127.0.0.1:${info.port} did not answer ${name} within ${callTimeoutMs / 1000} s; it may be stuck (see its log). Nothing is assumed about the outcome: check with \`vigil status\`.`,
            },
          });
        });
        pending.set(id, (result) => {
          cancel();
          resolve(result);
        });
        socket.send(JSON.stringify({ id, command: name, input }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return { client, received, close: () => socket.close() };
}
