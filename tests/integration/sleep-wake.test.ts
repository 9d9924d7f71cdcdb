import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../src-shared/domain/candle';
import { POLL, startLaptop } from '../support/laptop-engine';
import { useTempDirs } from '../support/temp-dir';

// Sleep and wake on a laptop engine (tests/support/laptop-engine.ts): a live ccxt feed from a
// local Binance server, paper trading, and a sleep the clock jump detector notices.

const tempDir = useTempDirs();
const HOUR = 3_600_000;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of cleanups.splice(0).reverse()) await stop();
});
const laptop = (): ReturnType<typeof startLaptop> => startLaptop(tempDir(), cleanups);

describe('laptop sleep and wake', () => {
  it('a suspend places the missing stop; a jump of hours blocks trading until the feed is fresh and the book reconciled', async () => {
    const l = await laptop();
    await l.openPosition();

    // Suspend (as Electron's powerMonitor reports it): trading blocked, the stop placed.
    const report = await l.engine.power.guard.suspend('os');
    expect(l.engine.risk.control.mode).toBe('RESUMING');
    expect(report).toMatchObject({ positions: 1, covered: 0, failed: [] });
    const stop = l.engine.execution.executor
      .list(true)
      .find((o) => o.type === 'stop-market' && o.reduceOnly);
    expect(stop).toMatchObject({ side: 'sell', qty: '0.02', state: 'OPEN' });
    // 5% under the last close, rounded up to the tick (towards the mark).
    const close = (l.bars[l.bars.length - 2] as Candle).close;
    expect(Number(stop?.stopPrice)).toBeCloseTo(close * 0.95, 1);
    expect(Number(stop?.stopPrice)).toBeGreaterThanOrEqual(close * 0.95);
    expect(l.audit('power.stop_placed')).toMatchObject([
      { symbol: 'BTC/USDT', qty: '0.02', basis: 'mark', why: 'system suspend' },
    ]);

    // Three hours asleep; the exchange sends nothing new meanwhile.
    l.sleep(3 * HOUR);
    await l.awake(5_000); // the detector's next tick sees the wall clock ahead
    expect(l.audit('power.clock_jump')).toHaveLength(1);
    expect(l.engine.risk.control.current).toMatchObject({ mode: 'RESUMING', resumeTo: 'RUNNING' });
    await expect
      .poll(() => l.engine.power.guard.current.checks.map((c) => `${c.name}:${c.ok}`), POLL)
      .toEqual(['orders:true', 'balances:true', 'stops:true', 'feeds:false']);

    // New orders are refused with the reason while RESUMING.
    const refused = await l.call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.01',
    });
    expect(refused).toMatchObject({
      ok: true,
      output: { state: 'REJECTED', reason: expect.stringContaining('RESUMING after sleep') },
    });
    await l.awake(3_000);
    expect(l.engine.risk.control.mode).toBe('RESUMING'); // still no fresh market data

    // The exchange streams again: the feed is fresh, the next pass returns to RUNNING.
    await expect
      .poll(async () => {
        l.server.publish();
        await l.awake(1_000);
        return l.engine.risk.control.mode;
      }, POLL)
      .toBe('RUNNING');
    expect(l.engine.power.guard.current).toMatchObject({ state: 'awake', source: 'clock-jump' });
    const kinds = l.auditKinds('power.');
    expect(kinds.slice(0, 5)).toEqual([
      'power.suspended',
      'power.stop_placed',
      'power.stops_checked',
      'power.clock_jump',
      'power.resumed',
    ]);
    expect(kinds).toContain('power.wake_waiting');
    expect(kinds.at(-1)).toBe('power.wake_complete');
    expect(l.audit('power.wake_waiting')[0]).toMatchObject({
      blocking: [expect.stringMatching(/^feeds: ccxt:binance .*no update since the wake/)],
    });
    const [complete] = l.audit('power.wake_complete');
    expect(complete).toMatchObject({ mode: 'RUNNING', stayedHalted: false });
    expect(String(complete?.['checks'])).toContain('1 feed(s) fresh');
    // The stop placed at suspend still rests: the wake did not place a second one.
    expect(
      l.engine.execution.executor.list(true).filter((o) => o.type === 'stop-market'),
    ).toHaveLength(1);
  });

  it('HALTED stays HALTED across a wake', async () => {
    const l = await laptop();
    await l.openPosition();
    const kill = l.engine.risk.triggerKill({
      actor: 'user:test',
      reason: 'test kill',
      flatten: false,
    });
    await kill.done;
    l.sleep(2 * HOUR);
    await l.awake(5_000);
    expect(l.engine.risk.control.mode).toBe('HALTED');
    await expect
      .poll(async () => {
        l.server.publish();
        await l.awake(1_000);
        return l.audit('power.wake_complete');
      }, POLL)
      .toMatchObject([{ mode: 'HALTED', stayedHalted: true }]);
    expect(l.engine.risk.control.mode).toBe('HALTED');
    expect(l.audit('power.resumed')).toMatchObject([
      { source: 'clock-jump', mode: 'HALTED', blocked: false },
    ]);
  });

  it('kills at suspend when the trader chose it', async () => {
    const l = await laptop();
    await l.openPosition();
    l.engine.power.updateSettings({ killOnSuspend: true }, 'user:test');
    expect(await l.engine.power.guard.suspend('os')).toBeNull();
    expect(l.engine.risk.control.current).toMatchObject({
      mode: 'HALTED',
      actor: 'system:power',
      reason: 'system suspend (kill on suspend is set)',
    });
    expect(l.audit('power.suspended')).toMatchObject([{ killOnSuspend: true, mode: 'RUNNING' }]);
  });
});
