import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TIMEFRAME_MS } from '../../../../src-shared/domain/candle';
import type { ScannerSignal } from '../../../../src-shared/contract/scanner';
import { buildReplayPlan, marketEvents } from '../../../../src-main/engine/scanner/replay-plan';
import { defined } from '../../../support/defined';
import { ScannerCore } from '../../../../src-main/engine/scanner/scanner-core';
import { DEFAULT_SCANNER_CONFIG } from '../../../../src-main/engine/scanner/scoring/scanner-config';
import { sharedCandleFile } from '../../../support/candle-data';
import { useTempDirs } from '../../../support/temp-dir';

describe('multi-timeframe confluence', () => {
  const tempDir = useTempDirs();

  it('is bounded, absent until the higher timeframes warm up, and fed in close-time order', async () => {
    const dir = tempDir();
    copyFileSync(sharedCandleFile('bittrex_LTC-BTC_5m.csv'), join(dir, 'bittrex_LTC-BTC_5m.csv'));
    const plan = await buildReplayPlan(dir, ['15m', '1h', '4h']);
    const events = marketEvents(defined(plan.markets[0]));
    const core = new ScannerCore(DEFAULT_SCANNER_CONFIG);
    const signals: ScannerSignal[] = [];
    for (const event of events) {
      const step = core.onCandle(event);
      if (step.signal !== null) signals.push(step.signal);
    }
    expect(signals.length).toBeGreaterThan(1500);
    // Before the 1h and 4h series finish warming up there is nothing to agree with.
    const first = signals[0];
    expect(first?.confluence).toBe(0);
    const later = signals.filter((s) => s.confluence !== null && s.confluence !== 0);
    expect(later.length).toBeGreaterThan(1000);
    for (const s of signals) {
      expect(s.confluence).toBeGreaterThanOrEqual(-1);
      expect(s.confluence).toBeLessThanOrEqual(1);
    }
    // Event order: at a shared close time the 4h and 1h bars come before the 15m bar.
    const order = events.map((e) => [
      e.candle.openTime + TIMEFRAME_MS[e.timeframe],
      TIMEFRAME_MS[e.timeframe],
    ]);
    for (let i = 1; i < order.length; i += 1) {
      const [t0, d0] = order[i - 1] as [number, number];
      const [t1, d1] = order[i] as [number, number];
      expect(t1 > t0 || (t1 === t0 && d1 <= d0)).toBe(true);
    }
  });
});

describe('every configured timeframe a market has is graded', () => {
  const tempDir = useTempDirs();

  it('a market with only 1h data gets 1h and 4h signals; confluence comes from longer timeframes only', async () => {
    const dir = tempDir();
    copyFileSync(sharedCandleFile('binance_ETH-USDT_1h.csv'), join(dir, 'binance_ETH-USDT_1h.csv'));
    // 15m is configured but this market has no data finer than 1h: it must not stay silent.
    const plan = await buildReplayPlan(dir, ['1h', '4h']);
    const core = new ScannerCore(DEFAULT_SCANNER_CONFIG);
    const byTimeframe = new Map<string, ScannerSignal[]>();
    for (const event of marketEvents(defined(plan.markets[0]))) {
      const step = core.onCandle(event);
      if (step.signal === null) continue;
      byTimeframe.set(step.signal.timeframe, [
        ...(byTimeframe.get(step.signal.timeframe) ?? []),
        step.signal,
      ]);
    }
    const hourly = byTimeframe.get('1h') ?? [];
    const fourHourly = byTimeframe.get('4h') ?? [];
    // 1000 hourly candles: all but the warm-up are graded, and the 4h series is graded too.
    expect(hourly.length).toBeGreaterThan(900);
    expect(fourHourly.length).toBeGreaterThan(150);
    expect(byTimeframe.has('15m')).toBe(false);
    // 1h agrees or disagrees with 4h; 4h has nothing longer configured to agree with.
    expect(hourly.some((s) => s.confluence !== 0)).toBe(true);
    expect(fourHourly.every((s) => s.confluence === 0)).toBe(true);
    for (const s of [...hourly, ...fourHourly]) expect(s.tier).not.toBe('FAILED');
  });
});
