import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../../src-main/engine/audit/audit-log';
import type { CalibrationReport } from '../../../../../src-main/engine/scanner/calibration/calibrate-folder';
import { calibrateFolder } from '../../../../../src-main/engine/scanner/calibration/calibrate-folder';
import { CalibrationService } from '../../../../../src-main/engine/scanner/calibration/calibration-service';
import { CalibrationCancelledError } from '../../../../../src-main/engine/scanner/calibration/calibration-worker-client';
import type { CalibrationProgress } from '../../../../../src-shared/contract/calibration';
import { CalibrationStore } from '../../../../../src-main/engine/scanner/calibration/calibration-store';
import {
  DEFAULT_SCANNER_CONFIG,
  type ScannerConfig,
} from '../../../../../src-main/engine/scanner/scoring/scanner-config';
import { openVigilStore } from '../../../../../src-main/engine/schema';
import { ManualClock } from '../../../../support/manual-clock';
import { useTempDirs } from '../../../../support/temp-dir';
import { join, resolve } from 'node:path';

const BUNDLED = resolve('resources/data');

describe('the calibration service on the bundled replay (real candles)', () => {
  const tempDir = useTempDirs();
  let report: CalibrationReport | undefined;
  const run = async (dir: string, config: ScannerConfig): Promise<CalibrationReport> =>
    (report ??= await calibrateFolder(dir, config));

  function service(db: string, config: ScannerConfig = DEFAULT_SCANNER_CONFIG): CalibrationService {
    const store = openVigilStore(join(db, 'vigil.db'));
    const clock = new ManualClock(Date.parse('2026-03-02T09:00:00Z'));
    return new CalibrationService({
      store: new CalibrationStore(store.db),
      audit: new AuditLog(store.db, clock),
      clock,
      config,
      defaultData: () => null,
      run,
      changed: () => {},
    });
  }

  it('hands the scanner only the calibrations that beat the base rate out of sample', async () => {
    const calibrations = service(tempDir());
    const result = await calibrations.calibrate(BUNDLED, 'test');
    const beating = result.calibrations.filter(
      (c) =>
        c.outOfSample >= 200 &&
        (c.brier as number) < (c.baseBrier as number) &&
        (c.logLoss as number) < (c.baseLogLoss as number),
    );
    // Real data: some markets beat the base rate, most do not.
    expect(beating.length).toBeGreaterThan(0);
    expect(beating.length).toBeLessThan(result.calibrations.length);
    const table = calibrations.table();
    expect([...table.keys()].sort()).toEqual(
      result.calibrations
        .filter((c) => c.usable)
        .map((c) => `${c.exchange}\u0000${c.symbol}\u0000${c.timeframe}`)
        .sort(),
    );
    for (const c of result.calibrations.filter((x) => x.usable)) {
      expect(beating).toContainEqual(c);
      expect(table.get(`${c.exchange}\u0000${c.symbol}\u0000${c.timeframe}`)).toEqual(
        c.coefficients,
      );
    }
  });

  it('does not use a calibration made with another scanner configuration', async () => {
    const db = tempDir();
    await service(db).calibrate(BUNDLED, 'test');
    const reweighted: ScannerConfig = {
      ...DEFAULT_SCANNER_CONFIG,
      weights: { trend: 40, momentum: 10, meanReversion: 15, breakout: 20, volume: 15 },
    };
    const other = service(db, reweighted);
    expect(other.list().every((c) => !c.current)).toBe(true);
    expect(other.table().size).toBe(0);
    // The tier thresholds are not part of the score: a calibration outlives their change.
    const retiered = service(db, {
      ...DEFAULT_SCANNER_CONFIG,
      tiers: { ...DEFAULT_SCANNER_CONFIG.tiers, primeEnter: 0.6, primeStay: 0.55 },
    });
    expect(retiered.table().size).toBeGreaterThan(0);
  });

  it("gives the README's out-of-sample Brier scores against the base rate on the bundled replay", async () => {
    const r = await run(BUNDLED, DEFAULT_SCANNER_CONFIG);
    const shown = r.calibrations.map(
      (c) =>
        `${c.symbol} ${c.timeframe} ${c.result.scores.brier?.toFixed(4)} vs ${c.result.scores.baseBrier?.toFixed(4)} (${c.result.scores.outOfSample})${c.result.usable ? ' used' : ''}`,
    );
    expect(shown).toEqual([
      'BTC/USDT 15m 0.3070 vs 0.2980 (163)',
      'BTC/USDT 1h 0.2598 vs 0.2543 (580)',
      'BTC/USDT 4h 0.2852 vs 0.3102 (112)',
      'ETH/BTC 15m 0.1926 vs 0.1879 (163)',
      'ETH/BTC 1h 0.2507 vs 0.2306 (580)',
      'ETH/BTC 4h 0.3009 vs 0.2862 (112)',
      'ETH/USDT 15m 0.3262 vs 0.2634 (163)',
      'ETH/USDT 1h 0.2376 vs 0.2469 (580) used',
      'ETH/USDT 4h 0.2281 vs 0.2683 (112)',
    ]);
  });

  it('a cancelled run stores nothing, is audited with who cancelled it, and frees the service for the next', async () => {
    const db = tempDir();
    const store = openVigilStore(join(db, 'vigil.db'));
    const clock = new ManualClock(Date.parse('2026-03-02T09:00:00Z'));
    const progressed: CalibrationProgress[] = [];
    const gate: { release: (() => void) | null } = { release: null };
    const calibrations = new CalibrationService({
      store: new CalibrationStore(store.db),
      audit: new AuditLog(store.db, clock),
      clock,
      config: DEFAULT_SCANNER_CONFIG,
      defaultData: () => BUNDLED,
      // Reports its first step, then waits for the caller: cancelled or released, as asked.
      run: (dir, config, options) =>
        new Promise<CalibrationReport>((resolveRun, rejectRun) => {
          options.onProgress?.({ done: 0, total: 9, last: null });
          options.signal?.addEventListener('abort', () =>
            rejectRun(new CalibrationCancelledError()),
          );
          gate.release = () => void run(dir, config).then(resolveRun, rejectRun);
        }),
      changed: () => {},
      progressed: (p) => progressed.push(p),
    });
    expect(calibrations.cancel('user:test')).toBe(false); // nothing running
    const first = calibrations.calibrate(undefined, 'user:ui');
    expect(progressed).toEqual([{ done: 0, total: 9, last: null }]);
    await expect(calibrations.calibrate(undefined, 'user:cli')).rejects.toThrow(
      'a calibration is already running; cancel it or wait for it to finish',
    );
    expect(calibrations.cancel('user:websocket')).toBe(true);
    expect(calibrations.cancel('user:websocket')).toBe(false); // once
    await expect(first).rejects.toThrow(
      'calibration cancelled: nothing was stored, the calibrations in use are unchanged',
    );
    expect(calibrations.list()).toEqual([]);
    const audited = store.db
      .prepare("SELECT actor, payload FROM audit_log WHERE kind = 'scanner.calibration-cancelled'")
      .all() as { actor: string; payload: string }[];
    expect(audited.map((a) => [a.actor, JSON.parse(a.payload)])).toEqual([
      ['user:websocket', { data: BUNDLED, startedBy: 'user:ui' }],
    ]);
    // The next run goes through to the end and is stored.
    const second = calibrations.calibrate(undefined, 'user:ui');
    gate.release?.();
    expect((await second).calibrations).toHaveLength(9);
    expect(calibrations.list()).toHaveLength(9);
  });
});
