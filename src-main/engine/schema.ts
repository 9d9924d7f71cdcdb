import { executionMigrations } from './execution/execution-migrations';
import { liveMigrations } from './execution/live/live-migrations';
import { paperMigrations } from './execution/paper/paper-migrations';
import { ledgerMigrations } from './ledger/ledger-migrations';
import { connectionMigrations } from './market/connections/connection-migrations';
import { marketMigrations } from './market/market-migrations';
import { journalMigrations } from './journal/journal-migrations';
import { planMigrations } from './plans/plan-migrations';
import { calibrationMigrations } from './scanner/calibration/calibration-migrations';
import { CORE_MIGRATIONS, type Migration } from './store/migrations';
import { openStore, openStoreReadOnly, type Store } from './store/open-store';

/**
 * Vigil's schema, in order of application: the store's core tables, then each feature area's
 * migrations (defined in the area's own folder). New steps are appended to the area's list;
 * a shipped migration never changes. The schema version is the number of migrations applied.
 */
export const VIGIL_MIGRATIONS: readonly Migration[] = [
  ...CORE_MIGRATIONS,
  ...ledgerMigrations,
  ...executionMigrations,
  ...paperMigrations,
  ...marketMigrations,
  ...connectionMigrations,
  ...liveMigrations,
  ...journalMigrations,
  ...planMigrations,
  ...calibrationMigrations,
];

/** Opens (or creates) a Vigil database with the whole schema. */
export function openVigilStore(path: string): Store {
  return openStore(path, VIGIL_MIGRATIONS);
}

/** Opens an existing Vigil database read-only; refuses a schema this Vigil does not know. */
export function openVigilStoreReadOnly(path: string): Store {
  return openStoreReadOnly(path, VIGIL_MIGRATIONS);
}
