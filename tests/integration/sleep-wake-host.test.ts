import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/host/cli/run-cli';
import { startLocalControl } from '../../src-main/host/local-control';
import { readRuntimeFile } from '../../src-main/host/runtime-file';
import { captureIo } from '../support/capture-io';
import { POLL, startLaptop } from '../support/laptop-engine';
import { useTempDirs } from '../support/temp-dir';
import { TestWsClient } from '../support/ws-client';

// The headless host's wake: the engine and the local control channel composed as
// `vigil serve` composes them (Engine.start + startLocalControl, host.json), with no OS power
// event at all — only the clock jump detector. The trader's view goes through the running
// host: the contract over WebSocket and the `vigil status` CLI.

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of cleanups.splice(0).reverse()) await stop();
});

describe('vigil serve across a laptop sleep', () => {
  it('shows RESUMING, refuses orders with the reason, and returns to RUNNING once fresh', async () => {
    const dir = tempDir();
    const l = await startLaptop(dir, cleanups);
    const control = await startLocalControl({
      engine: l.engine,
      dataDir: dir,
      rendererDir: dir,
      port: 0,
      onError: (e) => {
        throw e;
      },
    });
    cleanups.push(() => control.stop());
    const runtime = readRuntimeFile(dir);
    const client = await TestWsClient.connect(
      `ws://127.0.0.1:${control.server.port}/ws?token=${runtime.token}`,
    );
    cleanups.push(() => client.close());
    let id = 0;
    const call = async (command: string, input: unknown): Promise<unknown> => {
      id += 1;
      client.sendRaw(JSON.stringify({ id, command, input }));
      return (await client.reply(id)).result;
    };
    await l.openPosition();

    l.sleep(4 * 3_600_000);
    await l.awake(5_000);
    const status = captureIo();
    expect(await runCli(['status', '--json', '--data-dir', dir], status)).toBe(0);
    expect(JSON.parse(status.out.join(''))).toMatchObject({ controlMode: 'RESUMING' });
    expect(
      await client.next((f) => f.type === 'event' && f.kind === 'powerStatusChanged'),
    ).toMatchObject({
      payload: { state: 'resuming', source: 'clock-jump', sleptMs: 4 * 3_600_000 },
    });
    expect(
      await call('placeOrder', { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' }),
    ).toMatchObject({
      ok: true,
      output: { state: 'REJECTED', reason: expect.stringContaining('RESUMING after sleep') },
    });
    await expect
      .poll(async () => {
        const power = (await call('getPowerStatus', {})) as {
          output: { checks: Array<{ name: string; ok: boolean }> };
        };
        return power.output.checks.filter((c) => !c.ok).map((c) => c.name);
      }, POLL)
      .toEqual(['feeds']);

    await expect
      .poll(async () => {
        l.server.publish();
        await l.awake(1_000);
        return l.engine.risk.control.mode;
      }, POLL)
      .toBe('RUNNING');
    const after = captureIo();
    expect(await runCli(['status', '--data-dir', dir], after)).toBe(0);
    expect(after.out.join('')).toMatch(/control mode: RUNNING \(awake: .*1 feed\(s\) fresh/);
  });
});
