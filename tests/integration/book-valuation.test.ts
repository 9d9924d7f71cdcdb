import { describe, expect, it } from 'vitest';
import type { BookValuation } from '../../src-shared/contract/execution';
import { dispatchCommand } from '../../src-shared/contract/dispatch';
import { startTestEngine } from '../support/test-engine';
import { at, loadCandles } from '../support/execution-fixture';
import { ManualClock } from '../support/manual-clock';
import { useTempDirs } from '../support/temp-dir';

const BTC = loadCandles('binance_BTC-USDT_1m.csv');
const ETH = loadCandles('binance_ETH-USDT_1m.csv');
const tempDir = useTempDirs();

/** Exact decimal text -> integer of 10^-24 units, so sums are compared without float noise. */
const units = (text: string): bigint => {
  const [whole = '0', frac = ''] = text.replace('-', '').split('.');
  const v = BigInt(whole + frac.padEnd(24, '0'));
  return text.startsWith('-') ? -v : v;
};

describe('bookMarked: the book at mark after every mark, fill and order change', () => {
  it('revalues an open position on every bar, consistent with the total and the gauges', async () => {
    const clock = new ManualClock(at(BTC, 0).openTime + 60_000);
    const errors: unknown[] = [];
    const engine = startTestEngine(tempDir(), {
      clock,
      scheduler: clock,
      onError: (e) => errors.push(e),
    });
    const marks: BookValuation[] = [];
    engine.events.subscribe((e) => {
      if (e.kind === 'bookMarked') marks.push(e.payload);
    });
    const call = (name: string, input: unknown) =>
      dispatchCommand(engine.handlers, name, input, { origin: 'test' });
    const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

    engine.execution.onBar('BTC/USDT', at(BTC, 0), '1m');
    await settle();
    const placed = await call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.01',
    });
    expect(placed.ok).toBe(true);
    for (let i = 1; i <= 4; i += 1) {
      clock.advance(60_000);
      engine.execution.onBar('BTC/USDT', at(BTC, i), '1m');
      await settle();
    }
    const held = marks.filter((m) => m.positions.length === 1);
    // The fill bar and the three bars after it, each at its own close.
    expect(held.map((m) => m.positions[0]?.markPrice)).toEqual(
      [1, 2, 3, 4].map((i) => String(at(BTC, i).close)),
    );
    for (const m of held) {
      const [p] = m.positions;
      if (p === undefined || p.unrealizedPnl === null) throw new Error('position without mark');
      // Table and total from one valuation: equity = cash + cost + unrealized, exactly.
      expect(units(m.equity)).toBe(units(m.cash) + units(p.cost) + units(p.unrealizedPnl));
      expect(m.unrealizedPnl).toBe(p.unrealizedPnl);
      // The gauges' equity is the same valuation (float there), to the cent.
      expect(m.usage).not.toBeNull();
      expect(Math.abs((m.usage?.equity ?? NaN) - Number(m.equity))).toBeLessThan(0.005);
      expect(m.usage?.openPositions).toBe(1);
    }

    // A bar of a symbol the book does not hold changes nothing: no new valuation is sent.
    const before = marks.length;
    engine.execution.onBar('ETH/USDT', at(ETH, 4), '1m');
    await settle();
    expect(marks).toHaveLength(before);

    // Several marks in one synchronous stretch (a replay tick) become one valuation.
    clock.advance(60_000);
    engine.execution.onBar('BTC/USDT', at(BTC, 5), '1m');
    clock.advance(60_000);
    engine.execution.onBar('BTC/USDT', at(BTC, 6), '1m');
    await settle();
    expect(marks).toHaveLength(before + 1);
    expect(marks.at(-1)?.positions[0]?.markPrice).toBe(String(at(BTC, 6).close));

    // A window that connects gets the same valuation by command.
    const now = await call('getBookValuation', {});
    expect(now).toMatchObject({ ok: true, output: { equity: marks.at(-1)?.equity } });
    const markets = await call('listMarkets', {});
    expect(markets).toMatchObject({
      ok: true,
      output: {
        markets: expect.arrayContaining([
          expect.objectContaining({ symbol: 'BTC/USDT', tickSize: '0.01' }),
        ]),
      },
    });
    expect(errors).toEqual([]);
    engine.stop('test done');
  });

  it("an engine started with bookValuations 'on-request' (a backtest's) pushes none, and values the book when asked", async () => {
    const clock = new ManualClock(at(BTC, 0).openTime + 60_000);
    const engine = startTestEngine(tempDir(), {
      clock,
      scheduler: clock,
      bookValuations: 'on-request',
    });
    const pushed: unknown[] = [];
    engine.events.subscribe((e) => {
      if (e.kind === 'bookMarked') pushed.push(e.payload);
    });
    const call = (name: string, input: unknown) =>
      dispatchCommand(engine.handlers, name, input, { origin: 'test' });
    const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
    engine.execution.onBar('BTC/USDT', at(BTC, 0), '1m');
    await settle();
    expect(
      (await call('placeOrder', { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' }))
        .ok,
    ).toBe(true);
    clock.advance(60_000);
    engine.execution.onBar('BTC/USDT', at(BTC, 1), '1m');
    await settle();
    expect(pushed).toEqual([]);
    const asked = await call('getBookValuation', {});
    if (!asked.ok) throw new Error('getBookValuation refused');
    const valuation = asked.output as BookValuation;
    expect(valuation.positions.map((p) => [p.symbol, p.markPrice])).toEqual([
      ['BTC/USDT', String(at(BTC, 1).close)],
    ]);
    // The ledger still samples equity on every bar: the reports and the risk limits use those.
    expect(engine.execution.ledger.equitySamples('paper').length).toBeGreaterThan(1);
  });
});
