import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatScanReport, scanFolder } from '../../../../src-main/engine/scanner/replay-scan';
import { failedSignal } from '../../../../src-main/engine/scanner/failed-signal';
import type { TierChange } from '../../../../src-shared/contract/scanner';
import { DEFAULT_SCANNER_CONFIG } from '../../../../src-main/engine/scanner/scoring/scanner-config';
import { sharedCandleFile } from '../../../support/candle-data';
import { defined } from '../../../support/defined';

describe("vigil scan's text: P in the cockpit's words", () => {
  it('prints "P 0.xyz uncalibrated" for a graded bar and "P n/a" for a FAILED one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-scan-text-'));
    try {
      copyFileSync(
        sharedCandleFile('binance_ETH-USDT_5m.csv'),
        join(dir, 'binance_ETH-USDT_5m.csv'),
      );
      const report = await scanFolder(dir, DEFAULT_SCANNER_CONFIG);
      const market = defined(report.markets[0]);
      const final = defined(market.final);
      expect(formatScanReport(report)).toContain(
        `  tier ${final.tier}  ${final.direction}  P ${defined(final.probability).toFixed(3)} uncalibrated  score `,
      );
      // A FAILED final bar (no real file here ends on one: the same market's bar, made FAILED
      // by the scanner's own constructor) has no P: said as "n/a", as the cockpit says it, not "-".
      const { signal: failed } = failedSignal(
        final,
        'invalid input: candle at 0: close is not a finite number (NaN)',
      );
      const into: TierChange = {
        exchange: market.exchange,
        symbol: market.symbol,
        timeframe: failed.timeframe,
        at: failed.at,
        from: final.tier,
        to: 'FAILED',
        probability: null,
        calibrated: false,
        evBps: null,
        reason: failed.reason,
      };
      const text = formatScanReport({
        ...report,
        markets: [{ ...market, final: failed, transitions: [into] }],
      });
      expect(text).toContain(
        '  tier FAILED  flat  P n/a  score n/a  EV n/a (costs n/a)  confluence n/a  at ',
      );
      // Its tier change has no P and no EV either: said the same way, never "-" or "- bps".
      expect(text).toContain(`  ${final.tier} -> FAILED  (P n/a, EV n/a: ${failed.reason})`);
      expect(text).not.toMatch(/ - bps|P -|\(costs -\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
