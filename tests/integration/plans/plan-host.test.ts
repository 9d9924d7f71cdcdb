import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/host/cli/run-cli';
import { captureIo } from '../../support/capture-io';
import { startReplayHost, type ReplayHost } from '../../support/replay-host';
import { useTempDirs } from '../../support/temp-dir';
import { resetToMarginAccount } from '../../support/margin-account';
import { storePriorAsCalibrated } from '../../support/calibration-fixture';
import { DEFAULT_SCANNER_CONFIG } from '../../../src-main/engine/scanner/scoring/scanner-config';

// Trade plans through the running host (the engine as `vigil serve` composes it) on the
// bundled replay, paused at its default start (2018-05-18 22:00 UTC): the board then holds an
// ETH/USDT 4h WATCH short (P 0.556) and, below P 0.5, IGNORE rows with no edge. Nothing is
// calibrated there unless a test says so: a plan on an uncalibrated P risks the minimum, with
// no Kelly and no EV; the "no edge" refusal needs a calibrated P (a labelled fixture below).

const tempDir = useTempDirs();
const hosts: ReplayHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop();
});

const RULES = [
  'control-mode',
  'daily-loss',
  'max-drawdown',
  'loss-cooldown',
  'min-notional',
  'risk-per-trade',
  'max-positions',
  'symbol-share',
  'portfolio-heat',
  'leverage',
];

async function marginHost(dir: string, calibrated = false): Promise<ReplayHost> {
  if (calibrated) storePriorAsCalibrated(dir, DEFAULT_SCANNER_CONFIG);
  const h = await startReplayHost(dir);
  hosts.push(h);
  await resetToMarginAccount(h.host.client, 'plan test');
  return h;
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await runCli(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

describe('trade plans through the running host', () => {
  it("proposes a sized plan with the gate's own verdicts, and `vigil plan --send` sends it as a bracket", async () => {
    const dir = tempDir();
    const h = await marginHost(dir);
    const plan = await h.host.client.call('proposePlan', { symbol: 'ETH/USDT' });
    // The best-graded row of the market: its 4h WATCH short, ATR stop above, target below.
    expect(plan).toMatchObject({
      symbol: 'ETH/USDT',
      timeframe: '4h',
      side: 'sell',
      refusal: null,
      refusalRule: null,
    });
    expect(plan.signal.tier).toBe('WATCH');
    expect(Number(plan.stop)).toBeGreaterThan(Number(plan.entry));
    expect(Number(plan.targets[0]?.price)).toBeLessThan(Number(plan.entry));
    expect(plan.verdicts.map((v) => v.rule)).toEqual(RULES);
    expect(plan.verdicts.every((v) => v.ok)).toBe(true);
    // Its P is uncalibrated: sized at the configured minimum risk (0.25%), costs included, no
    // Kelly and no EV claimed; on the venue's step.
    expect(plan.signal.calibrated).toBe(false);
    expect(plan.sizing.riskPct).toBe(0.25);
    expect(plan.sizing.kellyPct).toBeNull();
    expect(plan.ev).toBeNull();
    expect(plan.riskPct).toBeGreaterThan(0.2);
    expect(plan.riskPct).toBeLessThanOrEqual(0.25);
    expect(plan.qty).toMatch(/^\d+(\.\d{1,4})?$/);

    const shown = await cli(['plan', 'ETH/USDT', '--timeframe', '4h', '--json', '--data-dir', dir]);
    expect(shown.code).toBe(0);
    const json = JSON.parse(shown.out) as Record<string, unknown>;
    for (const key of [
      'entry',
      'stop',
      'targets',
      'qty',
      'risk',
      'riskPct',
      'rewardRisk',
      'ev',
      'verdicts',
    ])
      expect(json).toHaveProperty(key);

    const sent = await cli([
      'plan',
      'ETH/USDT',
      '--timeframe',
      '4h',
      '--send',
      '--json',
      '--data-dir',
      dir,
    ]);
    expect(sent.err).toBe('');
    expect(sent.code).toBe(0);
    const out = JSON.parse(sent.out) as {
      planId: string;
      stop: string;
      targets: { price: string }[];
      entries: { clientOrderId: string; state: string }[];
    };
    expect(out.entries).toHaveLength(1);
    const entry = out.entries[0];
    // The replay is paused: a market order fills at the last price at once.
    expect(entry?.state).toBe('FILLED');
    await h.engine.execution.executor.idle();
    const open = (await h.host.client.call('listOrders', { open: true })).orders;
    expect(
      open.map((o) => [o.bracketRole, o.type, o.stopPrice ?? o.price, o.parentClientOrderId]),
    ).toEqual(
      expect.arrayContaining([
        ['stop-loss', 'stop-market', out.stop, entry?.clientOrderId],
        ['take-profit', 'limit', out.targets[0]?.price, entry?.clientOrderId],
      ]),
    );
    // The entry carries its plan: the journal finds the plan (and its initial risk) from it.
    expect(h.engine.plans.forEntry(entry?.clientOrderId ?? '')?.planId).toBe(out.planId);
    // A sent plan is not sent twice.
    await expect(h.host.client.call('sendPlan', { planId: out.planId })).rejects.toThrow(
      `plan ${out.planId} is sent; propose a new one`,
    );
    expect(h.errors).toEqual([]);
  }, 90_000);

  it('plans a limit entry with two targets: the quantity split on the step, one bracket per target', async () => {
    const h = await marginHost(tempDir());
    const call = h.host.client.call;
    // ETH/USDT 4h short at the replay's start (last price 688.69): sell higher, at 690.
    const plan = await call('proposePlan', {
      symbol: 'ETH/USDT',
      timeframe: '4h',
      entryType: 'limit',
      entryPrice: '690',
      targets: ['670', '655.5'],
    });
    expect(plan).toMatchObject({ entryType: 'limit', entry: '690', refusal: null });
    expect(plan.targets.map((t) => t.price)).toEqual(['670', '655.5']);
    const [first, second] = plan.targets;
    expect(Number(first?.qty) + Number(second?.qty)).toBeCloseTo(Number(plan.qty), 10);
    expect(plan.qty).toMatch(/^\d+(\.\d{1,4})?$/);
    await expect(call('proposePlan', { symbol: 'ETH/USDT', entryType: 'limit' })).rejects.toThrow(
      'entryPrice: a limit entry needs its price',
    );
    await expect(call('proposePlan', { symbol: 'ETH/USDT', stopPrice: '600' })).rejects.toThrow(
      'stopPrice: stop 600 is not on the losing side of the sell entry 688.69',
    );
    const sent = await call('sendPlan', { planId: plan.planId });
    expect(sent.entries.map((e) => [e.type, e.price, e.state])).toEqual([
      ['limit', '690', 'OPEN'],
      ['limit', '690', 'OPEN'],
    ]);
    for (const e of sent.entries)
      expect(h.engine.plans.forEntry(e.clientOrderId)?.planId).toBe(plan.planId);
    expect(h.errors).toEqual([]);
  }, 90_000);

  it('says why a plan cannot be sent, and `--send` sends nothing', async () => {
    const dir = tempDir();
    // Fixture: the prior stored as calibrated, so Kelly judges BTC/USDT 1h's P 0.305.
    await marginHost(dir, true);
    const shown = await cli(['plan', 'BTC/USDT', '--timeframe', '1h', '--data-dir', dir]);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/^plan P\d+ {2}BTC\/USDT 1h {2}buy market/);
    expect(shown.out).toContain('not sendable: no edge: with P 0.305');
    const sent = await cli(['plan', 'BTC/USDT', '--timeframe', '1h', '--send', '--data-dir', dir]);
    expect(sent.code).toBe(1);
    expect(sent.err).toContain('vigil plan: not sent: no edge');
    const side = await cli([
      'plan',
      'BTC/USDT',
      '--timeframe',
      '1h',
      '--side',
      'sell',
      '--data-dir',
      dir,
    ]);
    expect(side.code).toBe(1);
    expect(side.err).toContain('side: sell is against the BTC/USDT 1h signal (long)');
    const managed = await cli([
      'plan',
      'ETH/USDT',
      '--break-even',
      '--trail',
      '1.5',
      '--data-dir',
      dir,
    ]);
    expect(managed.out).toMatch(
      /stop management: break-even after target 1, trail 1\.5 x ATR \(\d/,
    );
    const bad = await cli(['plan', 'ETH/USDT', '--trail', 'x', '--data-dir', dir]);
    expect(bad).toMatchObject({ code: 2 });
    const orders = await cli(['orders', '--json', '--data-dir', dir]);
    expect(JSON.parse(orders.out)).toMatchObject({ orders: [] });
  }, 90_000);
});
