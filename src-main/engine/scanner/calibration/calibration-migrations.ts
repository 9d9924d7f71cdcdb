import type { Database } from 'better-sqlite3';
import type { Migration } from '../../store/migrations';

/** The scanner's calibrations: the latest of each market and timeframe, with its provenance. */
export const calibrationMigrations: Migration[] = [
  {
    id: 'calibration-001-calibrations',
    description: 'walk-forward calibrations of the probability mapping per market and timeframe',
    up(db: Database): void {
      db.exec(`
        CREATE TABLE scanner_calibrations (
          exchange    TEXT NOT NULL,
          symbol      TEXT NOT NULL,
          timeframe   TEXT NOT NULL,
          fitted_at   INTEGER NOT NULL,
          usable      INTEGER NOT NULL CHECK (usable IN (0, 1)),
          -- the whole calibration (provenance, scores, reliability table, coefficients), JSON
          record      TEXT NOT NULL,
          PRIMARY KEY (exchange, symbol, timeframe)
        ) STRICT;
      `);
    },
  },
];
