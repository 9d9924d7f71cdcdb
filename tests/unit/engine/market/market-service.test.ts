import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../../src-shared/contract/events';
import { dispatchCommand } from '../../../../src-shared/contract/dispatch';
import { Engine } from '../../../../src-main/engine/engine';
import { ManualClock } from '../../../support/manual-clock';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const caller = { origin: 'test' } as const;

function startEngine(withMarket: boolean): {
  engine: Engine;
  clock: ManualClock;
  events: EventEnvelope[];
} {
  const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
  const engine = Engine.start({
    dataDir: tempDir(),
    version: 'test',
    host: 'test',
    clock,
    scheduler: clock,
    heartbeatMs: 3_600_000,
    onError: (e) => {
      throw e;
    },
    ...(withMarket
      ? { market: { kind: 'replay' as const, replayDir: 'resources/data', speed: '60x' as const } }
      : {}),
  });
  const events: EventEnvelope[] = [];
  engine.events.subscribe((e) => events.push(e));
  return { engine, clock, events };
}

describe('engine market service on the bundled replay data', () => {
  it('has no feed and plays nothing unless asked', async () => {
    const { engine, clock, events } = startEngine(false);
    clock.advance(600_000);
    expect(events.filter((e) => e.kind === 'barClosed')).toEqual([]);
    const list = await dispatchCommand(engine.handlers, 'listSymbols', {}, caller);
    expect(list).toMatchObject({ ok: true, output: { feed: { state: 'DOWN' }, series: [] } });
    engine.stop('test');
  });

  it('loads the bundled files, serves symbols and chart windows, and plays on command', async () => {
    const { engine, clock, events } = startEngine(true);
    // Loading is asynchronous; Engine.start returned before it finished.
    expect(engine.market.status().state).toBe('CONNECTING');
    await engine.market.whenStarted();
    expect(engine.market.activeFeed()).toBeDefined();
    const list = await dispatchCommand(engine.handlers, 'listSymbols', {}, caller);
    if (!list.ok) throw new Error(list.error.message);
    const output = list.output as {
      series: Array<{ symbol: string; timeframe: string; origin: string }>;
    };
    const symbols = new Set(output.series.map((s) => s.symbol));
    expect(symbols.size).toBe(11); // 12 files; ETH/BTC trades on both bittrex and binance
    expect(output.series).toContainEqual(
      expect.objectContaining({ symbol: 'BTC/PERP', timeframe: '1m', origin: 'file' }),
    );
    expect(output.series).toContainEqual(
      expect.objectContaining({ symbol: 'BTC/PERP', timeframe: '4h', origin: 'aggregated' }),
    );

    // Paused until told: time passes, nothing plays.
    clock.advance(10_000);
    expect(events.filter((e) => e.kind === 'barClosed')).toEqual([]);
    const played = await dispatchCommand(
      engine.handlers,
      'controlReplay',
      { action: 'play', speed: '60x' },
      caller,
    );
    expect(played).toMatchObject({ ok: true, output: { playing: true, speed: '60x' } });
    clock.advance(60_000); // one real minute at 60x: one virtual hour of 5m bars
    const bars = events.filter((e) => e.kind === 'barClosed');
    expect(bars.length).toBeGreaterThan(8 * 11);
    expect(events.some((e) => e.kind === 'feedStatusChanged' && e.payload.state === 'LIVE')).toBe(
      true,
    );

    const window = await dispatchCommand(
      engine.handlers,
      'getCandles',
      { exchange: 'bittrex', symbol: 'ETH/BTC', timeframe: '5m', limit: 3 },
      caller,
    );
    expect(window).toMatchObject({ ok: true, output: { candles: expect.any(Array), gaps: [] } });
    if (window.ok) expect((window.output as { candles: unknown[] }).candles).toHaveLength(3);

    const unknown = await dispatchCommand(
      engine.handlers,
      'getCandles',
      { exchange: 'nope', symbol: 'X/Y', timeframe: '5m' },
      caller,
    );
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('no series nope:X/Y:5m') },
    });
    engine.stop('test');
  });
});
