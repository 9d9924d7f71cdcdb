import { databasePath, ensureDataDir } from '../../src-main/engine/data-dir';
import { calibrationFingerprint } from '../../src-main/engine/scanner/calibration/calibration-fingerprint';
import { CalibrationStore } from '../../src-main/engine/scanner/calibration/calibration-store';
import { DEFAULT_WALK_FORWARD } from '../../src-main/engine/scanner/calibration/walk-forward';
import type { ScannerConfig } from '../../src-main/engine/scanner/scoring/scanner-config';
import { openVigilStore } from '../../src-main/engine/schema';

/**
 * A FIXTURE, not a calibration: writes into a data folder, before its engine starts, a
 * "usable" calibration of each market the bundled replay plays whose coefficients are the
 * scanner's own prior, so tests of what PRIME signals set in motion (the autopilot, SHADOW)
 * see the PRIME signals the prior gives. No scores are claimed (they are null) and the verdict
 * says what it is. What real data gives is the calibration tests' business.
 */
export function storePriorAsCalibrated(dataDir: string, config: ScannerConfig): void {
  ensureDataDir(dataDir);
  const store = openVigilStore(databasePath(dataDir));
  try {
    const markets = ['BTC/USDT', 'ETH/USDT', 'ETH/BTC'];
    new CalibrationStore(store.db).save(
      markets.flatMap((symbol) =>
        config.timeframes.map((timeframe) => ({
          exchange: 'binance',
          symbol,
          timeframe,
          file: 'test fixture',
          dataFrom: 0,
          dataTo: 1,
          fittedAt: 0,
          samples: 0,
          outOfSample: 0,
          folds: 0,
          fitSamples: 0,
          fitFrom: null,
          fitTo: null,
          observedRate: null,
          brier: null,
          baseBrier: null,
          logLoss: null,
          baseLogLoss: null,
          reliability: [],
          coefficients: config.probability,
          usable: true,
          verdict: 'test fixture: the prior mapping stored as calibrated',
          horizonBars: DEFAULT_WALK_FORWARD.horizonBars,
          targetAtr: config.costs.targetAtr,
          configFingerprint: calibrationFingerprint(
            config,
            timeframe,
            DEFAULT_WALK_FORWARD.horizonBars,
          ),
        })),
      ),
    );
  } finally {
    store.close();
  }
}
