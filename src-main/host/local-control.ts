import type { Engine } from '../engine/engine';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file';
import { newToken } from './server/auth';
import { startHostServer, type HostServer } from './server/host-server';

export interface LocalControl {
  readonly server: HostServer;
  /** Closes the server and removes host.json. */
  stop(): Promise<void>;
}

/**
 * The local authenticated channel of a running engine: the contract over WebSocket (and the
 * UI) on 127.0.0.1 behind a fresh token, announced in the data folder's host.json so that
 * `vigil kill`, `vigil status` and friends reach the running app or host.
 */
export async function startLocalControl(options: {
  readonly engine: Engine;
  readonly dataDir: string;
  readonly rendererDir: string;
  readonly port: number;
  readonly onError: (error: unknown) => void;
}): Promise<LocalControl> {
  const token = newToken();
  const server = await startHostServer({
    engine: options.engine,
    port: options.port,
    token,
    rendererDir: options.rendererDir,
    onError: options.onError,
  });
  writeRuntimeFile(options.dataDir, {
    pid: process.pid,
    port: server.port,
    token,
    startedAt: options.engine.startedAt,
  });
  return {
    server,
    stop: async () => {
      await server.close();
      removeRuntimeFile(options.dataDir);
    },
  };
}
