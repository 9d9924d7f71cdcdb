import { existsSync } from 'node:fs';
import { databasePath } from '../../data-dir';
import { openVigilStoreReadOnly } from '../../schema';
import { CalibrationStore, type StoredCalibration } from './calibration-store';

/**
 * The calibrations stored in a data folder (what `vigil calibrate` wrote there), read without
 * changing the folder (the store's read-only open, with its checks): none when it has no
 * database yet or the database predates calibration. A stored row that does not parse is
 * refused by CalibrationStore, naming its market.
 */
export function readStoredCalibrations(dataDir: string): StoredCalibration[] {
  const path = databasePath(dataDir);
  if (!existsSync(path)) return [];
  const store = openVigilStoreReadOnly(path);
  try {
    const table = store.db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'scanner_calibrations'")
      .get();
    if (table === undefined) return [];
    return new CalibrationStore(store.db).list();
  } finally {
    store.close();
  }
}
