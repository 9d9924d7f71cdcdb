import { describe, expect, it } from 'vitest';
import type { ScannerSignal } from '../../../../src-shared/contract/scanner';
import { isKillChord } from '../../../../src-renderer/components/keyboard/shortcut-keys';
import { instrumentsOf } from '../../../../src-renderer/view/instruments';
import { mapExplanation, mapSignal } from '../../../../src-renderer/view/map-signal';
import { signalRow } from '../../../../src-main/engine/scanner/signal-row';
import { readableReason } from '../../../../src-renderer/view/venue-reason';

describe('kill chord', () => {
  it('is Ctrl+Shift+K (or Cmd+Shift+K) by physical key, and nothing else', () => {
    const key = { ctrlKey: true, metaKey: false, shiftKey: true, code: 'KeyK' };
    expect(isKillChord(key)).toBe(true);
    expect(isKillChord({ ...key, ctrlKey: false, metaKey: true })).toBe(true);
    expect(isKillChord({ ...key, shiftKey: false })).toBe(false);
    expect(isKillChord({ ...key, ctrlKey: false })).toBe(false);
    expect(isKillChord({ ...key, code: 'KeyJ' })).toBe(false);
  });
});

describe('venue reasons', () => {
  it('puts the exchange message first and keeps its code', () => {
    expect(readableReason('paper {"code":-1013,"msg":"Filter failure: NOTIONAL"}')).toBe(
      'Filter failure: NOTIONAL (paper code -1013)',
    );
    expect(readableReason('canceled by user')).toBe('canceled by user');
    expect(readableReason('x {not json')).toBe('x {not json');
  });
});

describe('instruments', () => {
  it('groups timeframes per venue and symbol, so one symbol on two venues stays two rows', () => {
    const series = [
      {
        exchange: 'binance',
        symbol: 'ETH/BTC',
        timeframe: '1h',
        origin: 'file',
        first: null,
        last: null,
        bars: 0,
      },
      {
        exchange: 'bittrex',
        symbol: 'ETH/BTC',
        timeframe: '5m',
        origin: 'file',
        first: null,
        last: null,
        bars: 0,
      },
      {
        exchange: 'binance',
        symbol: 'ETH/BTC',
        timeframe: '4h',
        origin: 'aggregated',
        first: null,
        last: null,
        bars: 0,
      },
    ] as const;
    expect(instrumentsOf(series)).toEqual([
      { id: 'binance:ETH/BTC', exchange: 'binance', symbol: 'ETH/BTC', timeframes: ['1h', '4h'] },
      { id: 'bittrex:ETH/BTC', exchange: 'bittrex', symbol: 'ETH/BTC', timeframes: ['5m'] },
    ]);
  });
});

describe('signal mapping', () => {
  // A synthetic scanner signal: the mapping is about shape, not market values.
  const signal: ScannerSignal = {
    exchange: 'binance',
    symbol: 'BTC/USDT',
    timeframe: '1h',
    at: 3_600_000,
    tier: 'WATCH',
    tierSince: 3_600_000,
    tierSinceKnown: false,
    direction: 'long',
    score: 41.5,
    probability: 0.62,
    calibrated: false,
    evBps: 8.25,
    costBps: 12.5,
    confluence: 0.33,
    gates: [{ gate: 'impact', pass: true, value: 4.1, limit: 7, unit: 'bps' }],
    contributions: [
      {
        factor: 'meanReversion',
        raw: 1,
        value: -20,
        weight: 10,
        contribution: -2,
        z: -0.5,
        clipped: false,
      },
    ],
    levels: { close: 100, atr: 2, atrMultiple: 1.5, stop: 97, target: 103 },
    reason: 'P 0.62 >= 0.50 confirmed 2 of 3',
  };

  it('keys a board row by venue, symbol and timeframe', () => {
    const view = mapSignal(signalRow(signal));
    expect(view.key).toBe('binance:BTC/USDT|1h');
    expect(view.tierSinceKnown).toBe(false);
    expect(view.reason).toBe('P 0.62 >= 0.50 confirmed 2 of 3');
  });

  it('explains the full signal: gates with value and limit, factors, costs and confluence', () => {
    const explained = mapExplanation(signal);
    expect(explained.key).toBe('binance:BTC/USDT|1h');
    expect(explained.at).toBe(3_600_000);
    expect(explained.gates[0]).toEqual({
      name: 'impact',
      passed: true,
      detail: '4.10 bps (limit 7 bps)',
    });
    expect(explained.factors[0]).toEqual({ name: 'Mean reversion', contribution: -2 });
    expect(explained.thresholds).toEqual([
      { name: 'Cost (bps)', value: 12.5 },
      { name: 'Confluence', value: 0.33 },
    ]);
  });

  it("shows the scanner's tier start, whenever the window first sees the row", () => {
    const held = mapSignal({ ...signalRow(signal), at: 7_200_000, tierSince: 3_600_000 });
    expect([held.tierSince, held.tierSinceKnown]).toEqual([3_600_000, false]);
    const changed = mapSignal({
      ...signalRow(signal),
      at: 7_200_000,
      tier: 'PRIME',
      tierSince: 7_200_000,
      tierSinceKnown: true,
    });
    expect([changed.tierSince, changed.tierSinceKnown]).toEqual([7_200_000, true]);
  });

  it('shows no numbers for a FAILED signal, only its reason', () => {
    const failed = mapSignal({
      ...signalRow(signal),
      tier: 'FAILED',
      reason: 'momentum: NaN input',
    });
    expect([failed.probability, failed.evBps, failed.score]).toEqual([null, null, null]);
    expect(failed.reason).toBe('momentum: NaN input');
  });
});
