import { afterEach, describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../src-shared/contract/dispatch';
import type { Candle } from '../../src-shared/domain/candle';
import { Engine } from '../../src-main/engine/engine';
import { loadCandles } from '../support/execution-fixture';
import { ManualClock } from '../support/manual-clock';
import { useTempDirs } from '../support/temp-dir';

// The stops a suspend makes sure of, on the engine's own paper venue and real BTC/USDT 1h
// bars: which positions count as covered, which stop price a missing stop gets, and the audit.

const tempDir = useTempDirs();
const engines: Engine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.stop('test');
});
const bars = loadCandles('binance_BTC-USDT_1h.csv');

function start(): {
  engine: Engine;
  bar: (i: number) => Candle;
  place: (input: object) => Promise<unknown>;
} {
  const clock = new ManualClock((bars[100] as Candle).openTime);
  const engine = Engine.start({
    dataDir: tempDir(),
    version: 'test',
    host: 'test',
    clock,
    scheduler: new ManualClock(0),
    timeZone: 'UTC',
    onError: (e) => {
      throw e;
    },
  });
  engines.push(engine);
  const bar = (i: number): Candle => {
    const b = bars[i] as Candle;
    clock.advance(Math.max(0, b.openTime + 3_600_000 - clock.now()));
    engine.execution.onBar('BTC/USDT', b, '1h');
    return b;
  };
  const place = async (input: object): Promise<unknown> => {
    const r = await dispatchCommand(engine.handlers, 'placeOrder', input, { origin: 'test' });
    await engine.execution.executor.idle();
    return r;
  };
  return { engine, bar, place };
}

const auditOf = (engine: Engine, kind: string): Array<Record<string, unknown>> =>
  (
    engine.store.db
      .prepare('SELECT payload FROM audit_log WHERE kind = ? ORDER BY seq')
      .all(kind) as Array<{ payload: string }>
  ).map((r) => JSON.parse(r.payload) as Record<string, unknown>);

describe('protective stops at suspend', () => {
  it('puts back the stop a bracket recorded when its stop-loss no longer rests', async () => {
    const { engine, bar, place } = start();
    const last = bar(100);
    const stopLoss = (Math.round(last.close * 0.97 * 100) / 100).toFixed(2);
    const target = (Math.round(last.close * 1.05 * 100) / 100).toFixed(2);
    await place({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.05',
      bracket: { stopLoss, takeProfit: target },
    });
    bar(101);
    await engine.execution.executor.idle();
    const exit = engine.execution.executor.list(true).find((o) => o.bracketRole === 'stop-loss');
    expect(exit).toMatchObject({ state: 'OPEN', stopPrice: stopLoss });
    await engine.execution.executor.cancel(exit?.clientOrderId ?? '', 'user:test');

    const report = await engine.power.guard.suspend('os');
    expect(report).toMatchObject({
      positions: 1,
      covered: 0,
      failed: [],
      placed: [
        { symbol: 'BTC/USDT', side: 'sell', qty: '0.05', stopPrice: stopLoss, basis: 'plan' },
      ],
    });
    expect(auditOf(engine, 'power.stop_placed')).toMatchObject([
      { basis: 'plan', stopPrice: stopLoss, why: 'system suspend' },
    ]);
    // Covered now: a second suspend places nothing.
    expect(await engine.power.guard.suspend('os')).toMatchObject({ covered: 1, placed: [] });
  });

  it('tops up a stop that covers part of the position, at the emergency distance', async () => {
    const { engine, bar, place } = start();
    bar(100);
    await place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.02' });
    const fill = bar(101);
    engine.power.updateSettings({ emergencyStopPct: 2 }, 'user:test');
    const partial = (Math.round(fill.close * 0.9 * 100) / 100).toFixed(2);
    await place({
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'stop-market',
      qty: '0.01',
      stopPrice: partial,
      reduceOnly: true,
    });
    const report = await engine.power.guard.suspend('os');
    const expected = Math.ceil(fill.close * 0.98 * 100) / 100;
    expect(report).toMatchObject({
      positions: 1,
      covered: 0,
      placed: [
        { qty: '0.01', basis: 'mark', stopPrice: expected.toFixed(2).replace(/\.?0+$/, '') },
      ],
    });
    const stops = engine.execution.executor.list(true).filter((o) => o.type === 'stop-market');
    expect(stops.map((o) => o.qty).sort()).toEqual(['0.01', '0.01']);
  });

  it('refuses an emergency distance outside 0-50%, naming the field', () => {
    const { engine } = start();
    expect(() => engine.power.updateSettings({ emergencyStopPct: 80 }, 'user:test')).toThrow(
      /power settings: emergencyStopPct/,
    );
    expect(engine.power.settings.current.emergencyStopPct).toBe(5);
  });
});

describe('the stale-quote panic and a wake', () => {
  it('is deferred and audited while RESUMING, and kills otherwise', () => {
    const { engine } = start();
    engine.risk.control.enterResuming('system:power', 'woke');
    expect(engine.risk.panic.feedState('STALE', 'no update for 3 h', 1)).not.toBeNull();
    expect(engine.risk.control.mode).toBe('RESUMING');
    expect(auditOf(engine, 'risk.panic_deferred')).toMatchObject([
      { because: expect.stringContaining('RESUMING after sleep') },
    ]);
    engine.risk.control.leaveResuming('system:power', 'ok');
    engine.risk.panic.feedState('STALE', 'no update for 90 s', 1);
    expect(engine.risk.control.mode).toBe('HALTED');
  });
});
