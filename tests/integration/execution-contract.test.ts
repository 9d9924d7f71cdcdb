import { describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../src-shared/contract/dispatch';
import type { EventEnvelope } from '../../src-shared/contract/events';
import { verifyAuditChain } from '../../src-main/engine/audit/verify-audit';
import { Engine } from '../../src-main/engine/engine';
import type { CliIo } from '../../src-main/host/cli/cli-io';
import { runCli } from '../../src-main/host/cli/run-cli';
import { at, loadCandles } from '../support/execution-fixture';
import { ManualClock } from '../support/manual-clock';
import { useTempDirs } from '../support/temp-dir';

const BTC = loadCandles('binance_BTC-USDT_1m.csv');
const tempDir = useTempDirs();

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: {},
    platform: 'linux',
    home: '/nonexistent',
    stopSignal: new Promise(() => {}),
  };
}

describe('execution through the contract, events and the CLI', () => {
  it('places, fills, cancels and reads back; CLI shows the same; paper reset is audited', async () => {
    const dataDir = tempDir();
    const clock = new ManualClock(at(BTC, 0).openTime + 60_000);
    const engine = Engine.start({
      dataDir,
      version: 'test',
      host: 'test',
      clock,
      scheduler: clock,
    });
    const seen: EventEnvelope[] = [];
    engine.events.subscribe((e) => seen.push(e));
    const call = (name: string, input: unknown) =>
      dispatchCommand(engine.handlers, name, input, { origin: 'test' });
    engine.execution.onBar('BTC/USDT', at(BTC, 0), '1m');

    const placed = await call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.01',
    });
    expect(placed).toMatchObject({ ok: true, output: { state: 'OPEN' } });
    const resting = await call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      price: '5000',
      qty: '0.01',
    });
    expect(resting.ok).toBe(true);
    clock.advance(60_000);
    engine.execution.onBar('BTC/USDT', at(BTC, 1), '1m');

    const bad = await call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: 'lots',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const fills = await call('listFills', {});
    expect(fills.ok && (fills.output as { fills: unknown[] }).fills).toHaveLength(1);
    const positions = await call('getPositions', {});
    expect(positions).toMatchObject({
      ok: true,
      output: { positions: [{ symbol: 'BTC/USDT', qty: '0.01' }] },
    });
    const balances = await call('getBalances', {});
    // A spot account holds what it bought: BTC, and the USDT left.
    expect(balances).toMatchObject({
      ok: true,
      output: {
        venue: [{ asset: 'BTC', total: '0.01', free: '0.01' }, { asset: 'USDT' }],
        ledger: { quoteAsset: 'USDT' },
      },
    });
    if (!balances.ok) throw new Error('no balances');
    const b = balances.output as {
      venue: Array<{ asset: string; total: string }>;
      ledger: { cash: string };
    };
    expect(Number(b.venue.find((v) => v.asset === 'USDT')?.total)).toBe(Number(b.ledger.cash));

    const all = await call('cancelAllOrders', {});
    expect(all).toMatchObject({ ok: true, output: { canceled: 1, stillOpen: [] } });
    const open = await call('listOrders', { open: true });
    expect(open).toMatchObject({ ok: true, output: { orders: [] } });

    const kinds = new Set(seen.map((e) => e.kind));
    expect(kinds).toContain('orderUpdated');
    expect(kinds).toContain('fillRecorded');
    expect(kinds).toContain('equitySampled');

    // Reset needs the typed confirmation, and is refused while a position is open.
    expect(
      await call('resetPaperAccount', { startingBalance: '5000', confirm: 'yes', reason: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(
      await call('resetPaperAccount', {
        startingBalance: '5000',
        confirm: 'RESET PAPER',
        reason: 'x',
      }),
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('close open positions first') },
    });
    await call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'market',
      qty: '0.01',
      reduceOnly: true,
    });
    clock.advance(60_000);
    engine.execution.onBar('BTC/USDT', at(BTC, 2), '1m');
    const reset = await call('resetPaperAccount', {
      startingBalance: '5000',
      confirm: 'RESET PAPER',
      reason: 'new month',
    });
    expect(reset).toMatchObject({ ok: true, output: { newBalance: '5000' } });
    const book = engine.execution.ledger.book('paper');
    expect(book?.cash).toBe('5000');
    const resetAudit = engine.store.db
      .prepare("SELECT actor FROM audit_log WHERE kind = 'paper.reset'")
      .get();
    expect(resetAudit).toEqual({ actor: 'user:test' });
    expect(verifyAuditChain(engine.store.db).intact).toBe(true);
    engine.stop('test done');

    const cli = io();
    expect(await runCli(['orders', '--data-dir', dataDir, '--json'], cli)).toBe(0);
    const parsed = JSON.parse(cli.out.join('')) as { orders: Array<{ state: string }> };
    expect(parsed.orders.map((o) => o.state)).toEqual(['FILLED', 'CANCELED', 'FILLED']);
    const text = io();
    expect(await runCli(['orders', '--data-dir', dataDir], text)).toBe(0);
    const lines = text.out.join('').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^vgp\w+ +CANCELED +BTC\/USDT +buy +limit +qty 0\.01 filled 0 @ 5000/);
    const openCli = io();
    expect(await runCli(['orders', '--open', '--data-dir', dataDir], openCli)).toBe(0);
    expect(openCli.out.join('')).toBe('no open orders in book paper\n');
    const posCli = io();
    expect(await runCli(['positions', '--data-dir', dataDir], posCli)).toBe(0);
    expect(posCli.out.join('')).toContain('no open positions in book paper');
    expect(posCli.out.join('')).toContain('cash 5000 USDT');
    const posJson = io();
    expect(await runCli(['positions', '--json', '--data-dir', dataDir], posJson)).toBe(0);
    expect(JSON.parse(posJson.out.join(''))).toMatchObject({
      book: 'paper',
      positions: [{ symbol: 'BTC/USDT', qty: '0' }],
    });
    const usage = io();
    expect(await runCli(['orders', '--book', 'demo', '--data-dir', dataDir], usage)).toBe(2);
    expect(usage.err.join('')).toContain("--book must be 'paper' or 'live:<venue>'");
    const missing = io();
    expect(await runCli(['orders', '--data-dir', tempDir()], missing)).toBe(1);
  });
});
