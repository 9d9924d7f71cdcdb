import { describe, expect, it } from 'vitest';
import type { ScannerSignal } from '../../../../src-shared/contract/scanner';
import { loadCandleCsv } from '../../../../src-main/engine/market/csv-loader';
import { PublicationRule } from '../../../../src-main/engine/scanner/publication-rule';
import { ScannerCore, type ScanStep } from '../../../../src-main/engine/scanner/scanner-core';
import { DEFAULT_SCANNER_CONFIG } from '../../../../src-main/engine/scanner/scoring/scanner-config';
import { sharedCandleFile } from '../../../support/candle-data';
import { defined } from '../../../support/defined';

const KEY = 'binance\u0000BTC/USDT\u00001h';

async function evaluations(): Promise<Array<ScanStep & { signal: ScannerSignal }>> {
  const { candles } = await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1h.csv'));
  const core = new ScannerCore({ ...DEFAULT_SCANNER_CONFIG, timeframes: ['1h'] });
  return candles.flatMap((candle) => {
    const step = core.onCandle({
      exchange: 'binance',
      symbol: 'BTC/USDT',
      quote: 'USDT',
      timeframe: '1h',
      candle,
    });
    return step.signal === null ? [] : [{ ...step, signal: step.signal }];
  });
}

describe('PublicationRule', () => {
  it('publishes every tier change and nothing that only holds a tier, on real data', async () => {
    const steps = await evaluations();
    const rule = new PublicationRule();
    const news = steps.filter((s) => rule.isNews(KEY, s.signal, s.tierChange));
    const changes = steps.filter((s) => s.tierChange !== null);
    const holding = steps.filter((s) => s.tierChange === null && s.signal.tier !== 'IGNORE');
    // The series has both, so the rule has something to tell apart.
    expect(changes.length).toBeGreaterThan(3);
    expect(holding.length).toBeGreaterThan(changes.length);
    // The tier machine starts at IGNORE, so each PRIME/WATCH begins with a change: the news is
    // exactly the changes, and the holding evaluations stay on the board only.
    expect(news).toEqual(changes);
  });

  it('after forget (a warm-up or a reset), a holding tier is news once more', async () => {
    const steps = await evaluations();
    const rule = new PublicationRule();
    for (const s of steps) rule.isNews(KEY, s.signal, s.tierChange);
    const holdingAt = steps.findIndex(
      (s, i) => i > 0 && s.tierChange === null && s.signal.tier === 'WATCH',
    );
    const holding = defined(steps[holdingAt]);
    expect(rule.isNews(KEY, holding.signal, null)).toBe(false);
    rule.forget();
    expect(rule.isNews(KEY, holding.signal, null)).toBe(true);
    expect(rule.isNews(KEY, holding.signal, null)).toBe(false);
    // Other markets are their own: the same signal under another key is news there.
    expect(rule.isNews('other', holding.signal, null)).toBe(true);
  });

  it('a FAILED signal is news again when its reason changes, not while it repeats', async () => {
    const base = defined((await evaluations()).at(-1)).signal;
    const failed = (reason: string): ScannerSignal => ({
      ...base,
      tier: 'FAILED',
      score: null,
      probability: null,
      evBps: null,
      reason,
    });
    const rule = new PublicationRule();
    expect(rule.isNews(KEY, failed('factor momentum: produced NaN'), null)).toBe(true);
    expect(rule.isNews(KEY, failed('factor momentum: produced NaN'), null)).toBe(false);
    expect(rule.isNews(KEY, failed('invalid input: close is not a finite number'), null)).toBe(
      true,
    );
    // IGNORE is never news by itself.
    expect(rule.isNews('quiet', { ...base, tier: 'IGNORE' }, null)).toBe(false);
  });
});
