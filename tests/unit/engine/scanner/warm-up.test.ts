import { describe, expect, it } from 'vitest';
import { loadCandleCsv } from '../../../../src-main/engine/market/csv-loader';
import {
  buildTimeline,
  candleAt,
  cursorAt,
} from '../../../../src-main/engine/market/replay-timeline';
import { scannerCandle } from '../../../../src-main/engine/scanner/scanner-candle';
import { ScannerCore } from '../../../../src-main/engine/scanner/scanner-core';
import { DEFAULT_SCANNER_CONFIG } from '../../../../src-main/engine/scanner/scoring/scanner-config';
import { WARMUP_BARS, warmFromHistory } from '../../../../src-main/engine/scanner/warm-up';
import { sharedCandleFile } from '../../../support/candle-data';
import { defined } from '../../../support/defined';

describe('scanner warm-up from a replay history', () => {
  it('gives the board the same signals as scanning the same bars one by one, and is ready on every timeframe', async () => {
    const sources = await Promise.all(
      ['binance_BTC-USDT_1h.csv', 'binance_ETH-BTC_1h.csv'].map((f) =>
        loadCandleCsv(sharedCandleFile(f)),
      ),
    );
    const timeline = buildTimeline(sources, ['4h']);
    // The replay's default start: WARMUP_BARS bars of the longest scanned timeframe (4h).
    const start = Date.parse('2018-05-08T06:00:00Z') + WARMUP_BARS * 4 * 3_600_000;
    const cursor = cursorAt(timeline, start);

    const warmed = new ScannerCore(DEFAULT_SCANNER_CONFIG);
    const warm = warmFromHistory(warmed, timeline, cursor);
    const core = new ScannerCore(DEFAULT_SCANNER_CONFIG);
    const latest = new Map<string, unknown>();
    for (let e = 0; e < cursor; e += 1) {
      const s = timeline.series[timeline.seriesOf[e] as number];
      if (s === undefined || !core.timeframes.includes(s.key.timeframe)) continue;
      const step = core.onCandle(
        scannerCandle(
          s.key.exchange,
          s.key.symbol,
          s.key.timeframe,
          candleAt(s, timeline.indexOf[e] as number),
        ),
      );
      if (step.signal !== null) latest.set(s.id, step.signal);
    }
    // The warm-up evaluates lean; each market's latest signal is explained on request, and is
    // then the full signal a bar-by-bar scan gives.
    expect(warm.every((step) => step.signal?.contributions.length === 0)).toBe(true);
    expect(warm.map((step) => warmed.explain(defined(step.signal)))).toEqual([...latest.values()]);
    // Every market is graded on 1h and 4h already: the warm-up is long enough for both.
    expect(warm.map((s) => `${s.signal?.symbol} ${s.signal?.timeframe}`).sort()).toEqual([
      'BTC/USDT 1h',
      'BTC/USDT 4h',
      'ETH/BTC 1h',
      'ETH/BTC 4h',
    ]);
    for (const step of warm) {
      expect(step.tierChange).toBeNull();
      expect(step.signal?.tier).not.toBe('FAILED');
    }
  });
});
