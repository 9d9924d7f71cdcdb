import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../../src-shared/contract/events';
import { dispatchCommand } from '../../../../src-shared/contract/dispatch';
import { Engine } from '../../../../src-main/engine/engine';
import { EventBus } from '../../../../src-main/engine/event-bus';
import { CandleStore } from '../../../../src-main/engine/market/candle-store';
import {
  MarketService,
  MarketStartSuperseded,
} from '../../../../src-main/engine/market/market-service';
import { openVigilStore } from '../../../../src-main/engine/schema';
import { sharedCandleFile } from '../../../support/candle-data';
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
    expect([...new Set(output.series.map((s) => s.symbol))].sort()).toEqual([
      'BTC/USDT',
      'ETH/BTC',
      'ETH/USDT',
    ]);
    expect(output.series).toContainEqual(
      expect.objectContaining({ symbol: 'ETH/BTC', timeframe: '1h', origin: 'file' }),
    );
    expect(output.series).toContainEqual(
      expect.objectContaining({ symbol: 'ETH/BTC', timeframe: '15m', origin: 'aggregated' }),
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
    clock.advance(60_000); // one real minute at 60x: one virtual hour of 1h bars, one per market
    const bars = events.filter((e) => e.kind === 'barClosed');
    expect(bars.length).toBeGreaterThanOrEqual(3);
    expect(events.some((e) => e.kind === 'feedStatusChanged' && e.payload.state === 'LIVE')).toBe(
      true,
    );
    expect(events.some((e) => e.kind === 'replayChanged' && e.payload.playing)).toBe(true);

    const window = await dispatchCommand(
      engine.handlers,
      'getCandles',
      { exchange: 'binance', symbol: 'ETH/BTC', timeframe: '1h', limit: 3 },
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

describe('the replay state every window follows', () => {
  it('is pushed when the replay attaches and after every control, equal to the reply', async () => {
    const { engine, clock, events } = startEngine(true);
    await engine.market.whenStarted();
    const pushed = (): unknown[] =>
      events.filter((e) => e.kind === 'replayChanged').map((e) => e.payload);
    // A window that connected while the files loaded learns the state without asking again.
    const initial = await dispatchCommand(engine.handlers, 'getReplayState', {}, caller);
    expect(initial.ok).toBe(true);
    if (!initial.ok) return;
    expect(pushed()).toEqual([initial.output]);
    const control = async (input: object): Promise<unknown> => {
      const before = pushed().length;
      const reply = await dispatchCommand(engine.handlers, 'controlReplay', input, caller);
      expect(reply.ok).toBe(true);
      const output = reply.ok ? reply.output : null;
      // Exactly one push per change, and it is what the caller was told.
      expect(pushed().slice(before)).toEqual([output]);
      return output;
    };
    expect(await control({ action: 'play', speed: '60x' })).toMatchObject({ playing: true });
    clock.advance(120_000); // progress while playing is not a change: nothing more is pushed
    expect(await control({ action: 'pause' })).toMatchObject({ playing: false });
    expect(await control({ action: 'step' })).toMatchObject({ playing: false });
    expect(await control({ action: 'play', speed: '10x' })).toMatchObject({ speed: '10x' });
    expect(await control({ action: 'play', speed: 'max' })).toMatchObject({ speed: 'max' });
    expect(await control({ action: 'pause' })).toMatchObject({ playing: false, speed: 'max' });
    engine.stop('test');
  });
});

describe('market service starts', () => {
  it('a start overtaken by a newer one never attaches its feed, whichever load ends first', async () => {
    const store = openVigilStore(':memory:');
    const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
    const errors: unknown[] = [];
    const market = new MarketService({
      events: new EventBus((e) => errors.push(e)),
      clock,
      scheduler: clock,
      onError: (e) => errors.push(e),
      store: new CandleStore(store.db),
    });
    const one = tempDir();
    copyFileSync(sharedCandleFile('binance_ETH-BTC_5m.csv'), join(one, 'binance_ETH-BTC_5m.csv'));
    // The bundled replay starts loading; the trader switches to another source meanwhile.
    const first = market.start({ kind: 'replay', replayDir: 'resources/data' });
    const second = market.start({ kind: 'replay', replayDir: one });
    await expect(first).rejects.toBeInstanceOf(MarketStartSuperseded);
    await second;
    expect(new Set(market.series().map((s) => s.symbol))).toEqual(new Set(['ETH/BTC']));
    expect(market.series().every((s) => s.timeframe === '5m' || s.origin === 'aggregated')).toBe(
      true,
    );
    expect(errors).toEqual([]);
    await market.stop();
    store.close();
  });
});
