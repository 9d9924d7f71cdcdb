import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type {
  Calibration,
  CalibrationProgress,
  CalibrationRun,
} from '../../../../src-shared/contract/calibration';
import { InvalidInputError, RefusedError } from '../../../../src-shared/contract/command-refusal';
import type { AuditLog } from '../../audit/audit-log';
import type { Clock } from '../../clock';
import type { CalibrationTable } from '../scanner-core';
import type { ScannerConfig } from '../scoring/scanner-config';
import type { CalibrationReport, MarketCalibration } from './calibrate-folder';
import { CalibrationCancelledError, type CalibrationRunOptions } from './calibration-worker-client';
import { calibrationFingerprint } from './calibration-fingerprint';
import type { CalibrationStore, StoredCalibration } from './calibration-store';

export interface CalibrationServiceDeps {
  readonly store: CalibrationStore;
  readonly audit: AuditLog;
  /** Wall clock: when a calibration was made. */
  readonly clock: Clock;
  /** The running scanner's configuration. */
  readonly config: ScannerConfig;
  /** The folder a run reads when none is named (the replay the engine plays), or null. */
  readonly defaultData: () => string | null;
  /**
   * Runs the walk-forward on a folder (off the main thread in the engine), reporting progress;
   * an aborted signal stops it with CalibrationCancelledError.
   */
  readonly run: (
    dir: string,
    config: ScannerConfig,
    options: CalibrationRunOptions,
  ) => Promise<CalibrationReport>;
  /** Told after a run stored new calibrations. */
  readonly changed: (calibrations: Calibration[]) => void;
  /** Told as the running calibration advances (the cockpit's progress bar). */
  readonly progressed?: (progress: CalibrationProgress) => void;
}

/** The run in flight: its folder, who started it, and how to stop it. */
interface RunningCalibration {
  readonly dir: string;
  readonly actor: string;
  readonly abort: AbortController;
}

/**
 * The engine's calibrations: runs them, stores each market and timeframe's latest with its
 * provenance, and says which the scanner may use: those that beat the base rate out of sample
 * and were made with the scanner's current configuration (the score they describe).
 */
export class CalibrationService {
  private readonly listeners = new Set<(table: CalibrationTable) => void>();
  private running: RunningCalibration | null = null;

  constructor(private readonly deps: CalibrationServiceDeps) {}

  /** The calibrations as stored (what a backtest copies), without the current-config verdict. */
  stored(): StoredCalibration[] {
    return this.deps.store.list();
  }

  list(): Calibration[] {
    return this.deps.store.list().map((c) => ({ ...c, current: this.isCurrent(c) }));
  }

  /** The usable mappings, keyed exchange\u0000symbol\u0000timeframe, as the scanner takes them. */
  table(): CalibrationTable {
    const table = new Map<string, NonNullable<Calibration['coefficients']>>();
    for (const c of this.list()) {
      if (c.usable && c.current && c.coefficients !== null)
        table.set(`${c.exchange}\u0000${c.symbol}\u0000${c.timeframe}`, c.coefficients);
    }
    return table;
  }

  /** Calls `listener` with the new table after every run; returns the unsubscribe. */
  onTableChanged(listener: (table: CalibrationTable) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One run at a time: a second request while one runs is refused, naming the first. */
  calibrate(data: string | undefined, actor: string): Promise<CalibrationRun> {
    if (this.running !== null)
      return Promise.reject(
        new RefusedError('a calibration is already running; cancel it or wait for it to finish'),
      );
    const dir = this.folder(data);
    const running: RunningCalibration = { dir, actor, abort: new AbortController() };
    this.running = running;
    return this.runOn(running).finally(() => {
      this.running = null;
    });
  }

  /** Stops the running calibration, if any: nothing of it is stored. */
  cancel(actor: string): boolean {
    const running = this.running;
    if (running === null || running.abort.signal.aborted) return false;
    // Audited here, synchronously: on the engine's stop the store closes right after.
    this.deps.audit.append({
      kind: 'scanner.calibration-cancelled',
      actor,
      payload: { data: running.dir, startedBy: running.actor },
    });
    running.abort.abort();
    return true;
  }

  /** The engine stops: a running calibration ends with it (its worker is ended). */
  stop(): void {
    this.cancel('system:stop');
  }

  private async runOn(running: RunningCalibration): Promise<CalibrationRun> {
    const { dir, actor } = running;
    let report: CalibrationReport;
    try {
      report = await this.deps.run(dir, this.deps.config, {
        signal: running.abort.signal,
        onProgress: (progress) => this.deps.progressed?.(progress),
      });
    } catch (error) {
      if (!(error instanceof CalibrationCancelledError)) throw error;
      throw new RefusedError(
        'calibration cancelled: nothing was stored, the calibrations in use are unchanged',
      );
    }
    const fittedAt = this.deps.clock.now();
    const stored = report.calibrations.map((m) =>
      storedCalibration(m, report, fittedAt, this.deps.config),
    );
    this.deps.store.save(stored);
    this.deps.audit.append({
      kind: 'scanner.calibrated',
      actor,
      payload: {
        data: dir,
        calibrations: stored.map((c) => ({
          exchange: c.exchange,
          symbol: c.symbol,
          timeframe: c.timeframe,
          samples: c.samples,
          outOfSample: c.outOfSample,
          brier: c.brier,
          baseBrier: c.baseBrier,
          usable: c.usable,
        })),
      },
    });
    const calibrations = stored.map((c) => ({ ...c, current: this.isCurrent(c) }));
    const table = this.table();
    for (const listener of this.listeners) listener(table);
    this.deps.changed(this.list());
    return { data: dir, calibrations, skipped: report.skipped };
  }

  private folder(data: string | undefined): string {
    const refuse = (message: string): never => {
      throw new InvalidInputError('calibrate', [{ path: 'data', message }]);
    };
    if (data !== undefined && !isAbsolute(data)) return refuse(`${data}: give an absolute path`);
    const named = data ?? this.deps.defaultData();
    if (named === null) return refuse('no folder named, and the engine plays no replay folder');
    // The replay folder may be relative to where the host was started.
    const dir = resolve(named);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return refuse(`${dir}: no such folder`);
    return dir;
  }

  private isCurrent(c: StoredCalibration): boolean {
    return (
      calibrationFingerprint(this.deps.config, c.timeframe, c.horizonBars) === c.configFingerprint
    );
  }
}

/** A market's walk-forward result as a stored calibration, with its provenance. */
export function storedCalibration(
  m: MarketCalibration,
  report: CalibrationReport,
  fittedAt: number,
  config: ScannerConfig,
): StoredCalibration {
  const { scores, deployed } = m.result;
  return {
    exchange: m.exchange,
    symbol: m.symbol,
    timeframe: m.timeframe,
    file: m.file,
    dataFrom: m.dataFrom,
    dataTo: m.dataTo,
    fittedAt,
    samples: scores.samples,
    outOfSample: scores.outOfSample,
    folds: m.result.folds.filter((f) => f.coefficients !== null).length,
    fitSamples: deployed.samples,
    fitFrom: deployed.fromAt,
    fitTo: deployed.toAt,
    observedRate: scores.observedRate,
    brier: scores.brier,
    baseBrier: scores.baseBrier,
    logLoss: scores.logLoss,
    baseLogLoss: scores.baseLogLoss,
    reliability: scores.reliability,
    coefficients: deployed.coefficients,
    usable: m.result.usable,
    verdict: m.result.verdict,
    horizonBars: report.plan.horizonBars,
    targetAtr: report.targetAtr,
    configFingerprint: calibrationFingerprint(config, m.timeframe, report.plan.horizonBars),
  };
}
