import type { Database } from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { EventBus } from '../event-bus';
import { CalibrationService } from '../scanner/calibration/calibration-service';
import { CalibrationStore } from '../scanner/calibration/calibration-store';
import { calibrateOffThread } from '../scanner/calibration/calibration-worker-client';
import type { ScannerConfig } from '../scanner/scoring/scanner-config';

export interface CalibrationsDeps {
  readonly db: Database;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly config: ScannerConfig;
  /** The replay folder a calibration reads when the trader names none, or null. */
  readonly defaultData: () => string | null;
}

/** Walk-forward calibrations, each run in a worker thread, stored with their provenance. */
export function composeCalibrations(deps: CalibrationsDeps): CalibrationService {
  const { events } = deps;
  return new CalibrationService({
    store: new CalibrationStore(deps.db),
    audit: deps.audit,
    clock: deps.clock,
    config: deps.config,
    defaultData: deps.defaultData,
    run: (dir, config, run) => calibrateOffThread(dir, config, run),
    changed: (calibrations) => events.publish('calibrationsChanged', { calibrations }),
    progressed: (progress) => events.publish('calibrationProgressed', progress),
  });
}
