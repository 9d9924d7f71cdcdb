import { describe, expect, it } from 'vitest';
import { loadCandleCsv } from '../../../../../src-main/engine/market/csv-loader';
import {
  DEFAULT_STANDARDIZATION,
  StandardizationChain,
  softWinsorize,
  validateStandardizationConfig,
} from '../../../../../src-main/engine/scanner/scoring/standardization';
import { sharedCandleFile } from '../../../../support/candle-data';
import { defined } from '../../../../support/defined';

describe('standardization chain', () => {
  it('keeps outliers up to 1e3 x the scale within +-100 and barely moves its state', async () => {
    const { candles } = await loadCandleCsv(sharedCandleFile('ftx_BTC-PERP_1m.csv'));
    // Real input: one-minute log returns.
    const returns = candles
      .slice(1, 3001)
      .map((c, i) => Math.log(c.close / (candles[i] as { close: number }).close));
    const chain = new StandardizationChain();
    let last = null;
    for (const r of returns) last = chain.update(r) ?? last;
    expect(last).not.toBeNull();
    const before = defined(last).diagnostics;
    const typical = before.scale;
    for (const multiple of [10, 100, 1000, -1000]) {
      const out = chain.update(before.median + multiple * typical);
      expect(out).not.toBeNull();
      expect(Math.abs(defined(out).value)).toBeLessThanOrEqual(100);
      expect(Number.isFinite(defined(out).value)).toBe(true);
    }
    const after = defined(chain.update(before.median)).diagnostics;
    // Four huge outliers move the median by at most 4 steps of rate * scale ...
    expect(Math.abs(after.median - before.median)).toBeLessThanOrEqual(
      4 * DEFAULT_STANDARDIZATION.medianRate * after.scale * 1.01,
    );
    // ... and the MAD by at most a factor e^(4 * rate).
    expect(after.mad / before.mad).toBeLessThanOrEqual(
      Math.exp(5 * DEFAULT_STANDARDIZATION.medianRate),
    );
  });

  it('a constant series gives 0 (never NaN), with the MAD floor engaged', () => {
    const chain = new StandardizationChain();
    const outputs = Array.from({ length: 200 }, () => chain.update(42.5));
    const ready = outputs.filter((o) => o !== null);
    expect(ready.length).toBe(200 - DEFAULT_STANDARDIZATION.warmup);
    for (const o of ready) {
      expect(defined(o).value).toBe(0);
      expect(defined(o).diagnostics.madFloored).toBe(true);
    }
  });

  it('a series that was flat while seeding can still grow a scale afterwards', () => {
    const chain = new StandardizationChain();
    for (let i = 0; i < 40; i += 1) chain.update(1);
    let out = null;
    for (let i = 0; i < 2000; i += 1) out = chain.update(1 + (i % 2 === 0 ? 0.5 : -0.5));
    expect(defined(out).diagnostics.madFloored).toBe(false);
    expect(Math.abs(defined(out).value)).toBeLessThan(60);
  });

  it('soft winsorization is the identity up to z0 and bounded by zmax', () => {
    const { winsorZ0: z0, winsorZMax: zMax, winsorLambda: l } = DEFAULT_STANDARDIZATION;
    expect(softWinsorize(2.4, z0, zMax, l)).toBe(2.4);
    expect(softWinsorize(-2.5, z0, zMax, l)).toBe(-2.5);
    expect(softWinsorize(3, z0, zMax, l)).toBeGreaterThan(2.5);
    expect(softWinsorize(1e6, z0, zMax, l)).toBeLessThanOrEqual(zMax);
    expect(softWinsorize(-1e6, z0, zMax, l)).toBeGreaterThanOrEqual(-zMax);
    // Monotone.
    expect(softWinsorize(4, z0, zMax, l)).toBeLessThan(softWinsorize(5, z0, zMax, l));
  });

  it('refuses invalid configuration and non-finite input, naming the problem', () => {
    expect(() =>
      validateStandardizationConfig({ ...DEFAULT_STANDARDIZATION, winsorZMax: 2 }),
    ).toThrow('winsorZMax must be > winsorZ0');
    expect(() => new StandardizationChain().update(Number.NaN)).toThrow('raw value is not finite');
  });
});
