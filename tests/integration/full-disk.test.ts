import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../src-shared/domain/candle';
import { ContractCallError } from '../../src-shared/contract/wire';
import { verifyAuditChain } from '../../src-main/engine/audit/verify-audit';
import { databasePath, killLatchPath } from '../../src-main/engine/data-dir';
import type { Engine } from '../../src-main/engine/engine';
import type { Sleep } from '../../src-main/engine/kill/sleeper';
import { connectToHost } from '../../src-main/host/cli/host-client';
import { runCli } from '../../src-main/host/cli/run-cli';
import { startLocalControl, type LocalControl } from '../../src-main/host/local-control';
import { captureIo } from '../support/capture-io';
import { loadCandles } from '../support/execution-fixture';
import { startTestEngine } from '../support/test-engine';
import { mountTmpfs, skipReason, type Tmpfs } from '../support/tmpfs';

// The host with its data folder on a small tmpfs that this test fills to the last byte: orders
// are refused with "no space", the kill still latches durably (the latch file is overwritten
// in place), and the engine comes back HALTED after a restart, full disk or not.

const BTC = loadCandles('binance_BTC-USDT_1m.csv');
const mount = mountTmpfs(8 * 1024 * 1024);
const skip = skipReason(mount);
afterAll(() => {
  if (skip === null) (mount as Tmpfs).unmount();
});

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Kill retries wait here until the test lets them go: no real sleeping. */
function heldSleep(): { sleep: Sleep; release: () => void } {
  const waiting: Array<() => void> = [];
  return {
    sleep: () => new Promise<void>((resolve) => waiting.push(resolve)),
    release: () => {
      for (const resume of waiting.splice(0)) resume();
    },
  };
}

function start(dataDir: string, errors: unknown[], sleep: Sleep): Engine {
  const engine = startTestEngine(
    dataDir,
    { sleep, onError: (e) => errors.push(e) },
    (BTC[0] as Candle).openTime + 60_000,
  );
  engine.execution.onBar('BTC/USDT', BTC[0] as Candle, '1m');
  return engine;
}

/** Writes a filler file until the file system refuses: ENOSPC, to the last block. */
function fillUp(dir: string, name: string): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  }
  // The last partial block.
  try {
    for (;;) writeSync(fd, chunk, 0, 512);
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  }
  closeSync(fd);
  return path;
}

async function host(engine: Engine, dataDir: string): Promise<LocalControl> {
  const control = await startLocalControl({
    engine,
    dataDir,
    rendererDir: dataDir,
    port: 0,
    onError: () => {},
  });
  cleanups.push(() => control.stop());
  return control;
}

/**
 * A second connection kept open across an engine's stop, as a `vigil report` or `audit verify`
 * would: SQLite then keeps vigil.db's -wal and -shm, so the next start finds its index file on
 * the full disk. (Without it, see the last test: a start on a full disk is refused.)
 */
function holdDatabase(dataDir: string): () => void {
  const reader = new BetterSqlite3(databasePath(dataDir), { readonly: true, fileMustExist: true });
  reader.prepare('SELECT count(*) FROM audit_log').get();
  return () => reader.close();
}

const auditRows = (engine: Engine, kind: string): Array<Record<string, unknown>> =>
  (
    engine.store.db
      .prepare('SELECT payload FROM audit_log WHERE kind = ? ORDER BY seq')
      .all(kind) as Array<{
      payload: string;
    }>
  ).map((r) => JSON.parse(r.payload) as Record<string, unknown>);

describe(`a full disk${skip === null ? '' : ` (skipped: ${skip})`}`, () => {
  it.skipIf(skip !== null)(
    'refuses orders with "no space", keeps the kill durable, and restarts HALTED',
    async () => {
      const fs = mount as Tmpfs;
      const dataDir = join(fs.dir, 'vigil');
      const errors: unknown[] = [];
      const held = heldSleep();
      const engine = start(dataDir, errors, held.sleep);
      // A resting order the kill will have to cancel.
      const resting = await engine.execution.executor.place(
        { symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '3000', qty: '0.01' },
        'user:test',
      );
      expect(resting.state).toBe('OPEN');
      const control = await host(engine, dataDir);
      const release = holdDatabase(dataDir);
      const fillers = [fillUp(fs.dir, 'filler-1')];

      const client = await connectToHost(dataDir);
      const order = await client.client
        .call('placeOrder', { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(order).toBeInstanceOf(ContractCallError);
      expect(order).toMatchObject({
        code: 'STORAGE_FAILED',
        message: expect.stringContaining(
          `no space left on the device holding ${databasePath(dataDir)}`,
        ),
      });

      const kill = captureIo();
      const code = await runCli(
        ['kill', '--no-wait', '--reason', 'disk full drill', '--data-dir', dataDir],
        kill,
      );
      expect(kill.err.join('')).toContain(
        'HALTED on disk (kill latch file), but the database has not recorded the kill',
      );
      expect(kill.err.join('')).toContain('no space left on the device');
      expect(code).toBe(4);
      // One source of truth: both statuses read the live control state.
      const [status, controlStatus] = await Promise.all([
        client.client.call('getStatus', {}),
        client.client.call('getControlStatus', {}),
      ]);
      client.close();
      expect(status.controlMode).toBe('HALTED');
      expect(controlStatus.control.mode).toBe('HALTED');
      expect(controlStatus.durability.latchDurable).toBe(true);
      const killId = controlStatus.kill?.killId;
      expect(killId).toBeDefined();
      const statusCli = captureIo();
      expect(await runCli(['status', '--data-dir', dataDir], statusCli)).toBe(0);
      expect(statusCli.out.join('')).toContain('on disk:      yes');
      expect(statusCli.out.join('')).toContain(
        'NOT WRITTEN: kill state not recorded in the database: no space left on the device',
      );

      await control.stop();
      engine.stop('test: restart on a full disk');
      expect(errors.map(String).join('\n')).toContain('stopping with writes still refused');
      fillers.push(fillUp(fs.dir, 'filler-2')); // whatever the stop gave back

      // Restart with the disk still full: HALTED from the latch file, the kill resumed.
      const again = start(dataDir, [], held.sleep);
      expect(again.status().controlMode).toBe('HALTED');
      expect(again.risk.control.current).toMatchObject({ reason: 'disk full drill' });
      expect(again.risk.kill.current?.killId).toBe(killId);
      expect(again.risk.kill.inProgress).toBe(true);
      again.stop('test: restart with room');
      release();

      // Room again: still HALTED, the interrupted kill finishes, the late records land.
      for (const f of fillers) rmSync(f);
      const freed = start(dataDir, [], held.sleep);
      cleanups.push(() => freed.stop('test end'));
      expect(freed.status().controlMode).toBe('HALTED');
      const done = await freed.risk.kill.runningKill;
      expect(done).toMatchObject({ killId, phase: 'done' });
      expect(freed.execution.executor.view(resting.clientOrderId).state).toBe('CANCELED');
      expect(freed.risk.durability.status()).toEqual({
        latchDurable: true,
        pendingAuditRows: 0,
        problems: [],
      });
      expect(auditRows(freed, 'kill.resumed')).toContainEqual(
        expect.objectContaining({ killId, restoredFrom: 'kill latch file' }),
      );
      expect(verifyAuditChain(freed.store.db)).toMatchObject({ intact: true });
    },
  );

  it.skipIf(skip !== null)(
    'says "in memory only" (exit 3) when neither the latch file nor the database takes the kill',
    async () => {
      const fs = mount as Tmpfs;
      const dataDir = join(fs.dir, 'vigil-2');
      start(dataDir, [], heldSleep().sleep).stop('prepared');
      // The latch file cannot be opened (something else sits at its path).
      rmSync(killLatchPath(dataDir));
      mkdirSync(killLatchPath(dataDir));
      const engine = start(dataDir, [], heldSleep().sleep);
      cleanups.push(() => engine.stop('test end'));
      await host(engine, dataDir);
      const filler = fillUp(fs.dir, 'filler-3');
      cleanups.push(() => rmSync(filler));
      const kill = captureIo();
      const code = await runCli(['kill', '--no-wait', '--data-dir', dataDir], kill);
      expect(kill.err.join('')).toContain('HALTED IN MEMORY ONLY');
      expect(kill.err.join('')).toContain('kill latch file not written');
      expect(kill.err.join('')).toContain('no space left on the device');
      expect(code).toBe(3);
      expect(engine.status().controlMode).toBe('HALTED');
    },
  );

  it.skipIf(skip !== null)(
    'a start on a completely full disk is refused with "no space", naming where',
    () => {
      const fs = mount as Tmpfs;
      const dataDir = join(fs.dir, 'vigil-3');
      start(dataDir, [], heldSleep().sleep).stop('prepared');
      const filler = fillUp(fs.dir, 'filler-4');
      cleanups.push(() => rmSync(filler));
      expect(() => start(dataDir, [], heldSleep().sleep)).toThrow(
        `no space left on the device holding ${databasePath(dataDir)}`,
      );
    },
  );
});
