import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../src-main/engine/engine';
import { startHostServer, type HostServer } from '../../src-main/host/server/host-server';
import { ManualClock } from './manual-clock';

export interface TestHost {
  readonly engine: Engine;
  readonly server: HostServer;
  readonly clock: ManualClock;
  readonly token: string;
  /** What the host server reported through its onError (expected empty). */
  readonly errors: unknown[];
  stop(): Promise<void>;
}

/**
 * A real engine and host server on 127.0.0.1 (port 0) with a manual clock. The renderer folder
 * holds a stand-in index.html, since these tests exercise the transport, not the UI bundle.
 */
export async function startTestHost(dataDir: string): Promise<TestHost> {
  const clock = new ManualClock(1_767_225_600_000);
  const engine = Engine.start({
    dataDir,
    version: '0.0.0-test',
    host: 'test',
    clock,
    scheduler: clock,
  });
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Vigil test</title>');
  const token = 'test-token-0123456789';
  const errors: unknown[] = [];
  const server = await startHostServer({
    engine,
    port: 0,
    token,
    rendererDir,
    onError: (e) => errors.push(e),
  });
  return {
    engine,
    server,
    clock,
    token,
    errors,
    stop: async () => {
      await server.close();
      engine.stop('test finished');
    },
  };
}
