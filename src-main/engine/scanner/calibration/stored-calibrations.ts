import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { databasePath } from '../../data-dir';
import { CalibrationStore, type StoredCalibration } from './calibration-store';

/**
 * The calibrations stored in a data folder (what `vigil calibrate` wrote there), read without
 * changing the folder: none when it has no database yet or the database predates calibration.
 * A stored row that does not parse is refused by CalibrationStore, naming its market.
 */
export function readStoredCalibrations(dataDir: string): StoredCalibration[] {
  const path = databasePath(dataDir);
  if (!existsSync(path)) return [];
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const table = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'scanner_calibrations'")
      .get();
    if (table === undefined) return [];
    return new CalibrationStore(db).list();
  } finally {
    db.close();
  }
}
