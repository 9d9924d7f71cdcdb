import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../src-shared/domain/candle';
import { loadCandleCsv } from '../../../../src-main/engine/market/csv-loader';
import { ScannerCore, type ScanStep } from '../../../../src-main/engine/scanner/scanner-core';
import { RAW_FACTORS } from '../../../../src-main/engine/scanner/scoring/factors';
import { probabilityOf } from '../../../../src-main/engine/scanner/scoring/probability';
import {
  DEFAULT_SCANNER_CONFIG,
  validateScannerConfig,
} from '../../../../src-main/engine/scanner/scoring/scanner-config';
import { sharedCandleFile } from '../../../support/candle-data';
import { defined } from '../../../support/defined';

const ONE_TIMEFRAME = { ...DEFAULT_SCANNER_CONFIG, timeframes: ['1h' as const] };

async function btcHourly(): Promise<Candle[]> {
  return (await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1h.csv'))).candles;
}

function feed(core: ScannerCore, candles: readonly Candle[]): ScanStep[] {
  return candles.map((candle) =>
    core.onCandle({
      exchange: 'binance',
      symbol: 'BTC/USDT',
      quote: 'USDT',
      timeframe: '1h',
      candle,
    }),
  );
}

describe('ScannerCore', () => {
  it('grades with a calibration from the next bar on, only for its market and timeframe', async () => {
    const candles = await btcHourly();
    const core = new ScannerCore(ONE_TIMEFRAME);
    const half = Math.floor(candles.length / 2);
    const before = feed(core, candles.slice(0, half)).flatMap((s) => (s.signal ? [s.signal] : []));
    expect(before.every((s) => !s.calibrated)).toBe(true);
    // Coefficients of a kind no prior has (a steep score slope): a test value, not a fit.
    const fitted = { intercept: -0.5, scoreSlope: 6, confluenceSlope: 0 };
    core.setCalibrations(
      new Map([
        ['binance\u0000BTC/USDT\u00001h', fitted],
        ['binance\u0000ETH/USDT\u00001h', { intercept: 3, scoreSlope: 0, confluenceSlope: 0 }],
      ]),
    );
    const after = feed(core, candles.slice(half, -1)).flatMap((s) => (s.signal ? [s.signal] : []));
    const directional = after.filter((s) => s.direction !== 'flat');
    expect(directional.length).toBeGreaterThan(300);
    for (const s of directional) {
      expect(s.calibrated).toBe(true);
      expect(s.probability).toBe(probabilityOf(defined(s.score), defined(s.confluence), fitted));
    }
    // Taken away again: back to the prior, uncalibrated, from the next bar.
    core.setCalibrations(new Map());
    const next = defined(feed(core, candles.slice(-1))[0]?.signal);
    expect(next.tier).not.toBe('FAILED');
    expect(next.calibrated).toBe(false);
    expect(next.probability).toBe(
      probabilityOf(defined(next.score), defined(next.confluence), ONE_TIMEFRAME.probability),
    );
  });

  it('produces explained signals on real data: contributions, probability, EV, gates', async () => {
    const steps = feed(new ScannerCore(ONE_TIMEFRAME), await btcHourly());
    const signals = steps.flatMap((s) => (s.signal === null ? [] : [s.signal]));
    expect(signals.length).toBeGreaterThan(900);
    const last = defined(signals.at(-1));
    expect(last.contributions.map((c) => c.factor)).toEqual([
      'trend',
      'momentum',
      'meanReversion',
      'breakout',
      'volume',
      'volatility',
      'liquidity',
      'dataQuality',
    ]);
    const sum = last.contributions.reduce((a, c) => a + c.contribution, 0);
    expect(sum).toBeCloseTo(defined(last.score), 9);
    expect(last.gates.map((g) => g.gate)).toEqual(['dataQuality', 'staleness', 'spread', 'impact']);
    expect(last.probability).toBeGreaterThan(0);
    expect(last.probability).toBeLessThan(1);
    for (const s of signals) {
      expect(Math.abs(defined(s.score))).toBeLessThanOrEqual(100);
      if (s.tier === 'PRIME') expect(s.evBps).toBeGreaterThan(0);
    }
  });

  it('a factor that throws makes the signal FAILED with the reason, never a value', async () => {
    let calls = 0;
    const core = new ScannerCore(ONE_TIMEFRAME, {
      ...RAW_FACTORS,
      momentum: (x) => {
        calls += 1;
        if (calls > 100) throw new Error('momentum feed broke');
        return RAW_FACTORS.momentum(x);
      },
    });
    const steps = feed(core, (await btcHourly()).slice(0, 200));
    const failed = steps.filter((s) => s.signal?.tier === 'FAILED');
    expect(failed.length).toBeGreaterThan(0);
    const first = defined(failed[0]);
    expect(defined(first.signal).reason).toContain('momentum feed broke');
    expect(defined(first.signal).contributions).toEqual([]);
    // No number stands in for the failed computation.
    expect(defined(first.signal)).toMatchObject({ score: null, probability: null, evBps: null });
    expect(first.tierChange?.to).toBe('FAILED');
  });

  it('invalid input (a NaN close) makes the signal FAILED naming the candle', async () => {
    const candles = (await btcHourly()).slice(0, 80);
    const core = new ScannerCore(ONE_TIMEFRAME);
    feed(core, candles.slice(0, 79));
    const bad = { ...(candles[79] as Candle), close: Number.NaN };
    const [step] = feed(core, [bad]);
    expect(defined(defined(step).signal).tier).toBe('FAILED');
    expect(defined(defined(step).signal).reason).toContain(
      `candle at ${bad.openTime}: close is not a finite number`,
    );
  });

  it('modulators change costs and thresholds, never the direction or the score', async () => {
    const candles = await btcHourly();
    const plain = feed(new ScannerCore(ONE_TIMEFRAME), candles);
    const core = new ScannerCore(ONE_TIMEFRAME);
    const modulated = candles.map((candle) =>
      core.onCandle({
        exchange: 'binance',
        symbol: 'BTC/USDT',
        quote: 'USDT',
        timeframe: '1h',
        candle,
        modulators: { fundingBps: 50, orderImbalance: 1 },
      }),
    );
    plain.forEach((step, i) => {
      const other = defined(modulated[i]);
      if (step.signal === null) return;
      expect(defined(other.signal).direction).toBe(step.signal.direction);
      expect(defined(other.signal).score).toBe(step.signal.score);
      expect(defined(other.signal).costBps).toBeGreaterThanOrEqual(defined(step.signal.costBps));
    });
  });

  it('validates the configuration: weights must sum to 100, thresholds ordered', () => {
    expect(() =>
      validateScannerConfig({
        ...DEFAULT_SCANNER_CONFIG,
        weights: { ...DEFAULT_SCANNER_CONFIG.weights, trend: 30 },
      }),
    ).toThrow('weights: factor weights must sum to 100');
    expect(() =>
      validateScannerConfig({
        ...DEFAULT_SCANNER_CONFIG,
        tiers: { ...DEFAULT_SCANNER_CONFIG.tiers, primeStay: 0.9 },
      }),
    ).toThrow('primeStay must be <= primeEnter');
  });

  it('gates: stale feed, wide spread and gappy data fail, and such bars are never PRIME', async () => {
    const candles = (await btcHourly()).slice(0, 120);
    const core = new ScannerCore(ONE_TIMEFRAME);
    const steps = candles.map((candle, i) =>
      core.onCandle({
        exchange: 'binance',
        symbol: 'BTC/USDT',
        quote: 'USDT',
        timeframe: '1h',
        candle,
        // From bar 100 on the feed delivers each bar 3 hours late, with a 20 bps spread.
        ...(i >= 100 ? { feedNow: candle.openTime + 4 * 3_600_000, spreadBps: 20 } : {}),
      }),
    );
    const late = steps.slice(100).map((s) => defined(s.signal));
    for (const signal of late) {
      const failed = signal.gates.filter((g) => !g.pass).map((g) => g.gate);
      expect(failed).toEqual(['staleness', 'spread']);
      expect(signal.tier).not.toBe('PRIME');
    }

    // Real gaps: Bittrex POWR/BTC 1m misses 2421 of its minutes.
    const { candles: gappy } = await loadCandleCsv(sharedCandleFile('bittrex_POWR-BTC_1m.csv'));
    const oneMinute = new ScannerCore({ ...DEFAULT_SCANNER_CONFIG, timeframes: ['1m'] });
    const signals = gappy.flatMap((candle) => {
      const step = oneMinute.onCandle({
        exchange: 'bittrex',
        symbol: 'POWR/BTC',
        quote: 'BTC',
        timeframe: '1m',
        candle,
      });
      return step.signal === null ? [] : [step.signal];
    });
    const lowQuality = signals.filter((s) =>
      s.gates.some((g) => g.gate === 'dataQuality' && !g.pass),
    );
    expect(lowQuality.length).toBeGreaterThan(100);
    for (const s of lowQuality) expect(s.tier).not.toBe('PRIME');
  });
});

describe('ScannerCore lean evaluation', () => {
  it('gives the same signals as a full one once explained, and refuses to explain a replaced bar', async () => {
    const candles = (await btcHourly()).slice(0, 400);
    const full = feed(new ScannerCore(ONE_TIMEFRAME), candles);
    const lean = new ScannerCore(ONE_TIMEFRAME);
    const input = (candle: Candle) =>
      ({
        exchange: 'binance',
        symbol: 'BTC/USDT',
        quote: 'USDT',
        timeframe: '1h',
        candle,
      }) as const;
    let previous: ScanStep | null = null;
    candles.forEach((candle, i) => {
      const step = lean.onCandle(input(candle), false);
      const expected = defined(full[i]);
      expect(step.tierChange).toEqual(expected.tierChange);
      if (step.signal === null) return expect(expected.signal).toBeNull();
      // Without contributions until asked; then exactly the full evaluation's.
      expect(step.signal.contributions).toEqual([]);
      const before = previous?.signal;
      // The bar before, never explained in time: its outputs are gone, and it says so.
      if (before != null && before.tier !== 'FAILED' && before.contributions.length === 0)
        expect(() => lean.explain(before)).toThrow('a later bar replaced its factor outputs');
      if (i % 7 === 0) expect(lean.explain(step.signal)).toEqual(expected.signal);
      previous = step;
    });
  });
});
