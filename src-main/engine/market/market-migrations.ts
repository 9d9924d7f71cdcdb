import type { Database } from 'better-sqlite3';
import type { Migration } from '../store/migrations';

/** Candle cache: one row per exchange/symbol/timeframe/open time; re-fetching replaces it. */
const candles: Migration = {
  id: 'market-001-candles',
  description: 'candle cache per exchange, symbol and timeframe',
  up(db: Database): void {
    db.exec(`
      CREATE TABLE candles (
        exchange  TEXT    NOT NULL,
        symbol    TEXT    NOT NULL,
        timeframe TEXT    NOT NULL,
        open_time INTEGER NOT NULL,
        open      REAL    NOT NULL,
        high      REAL    NOT NULL,
        low       REAL    NOT NULL,
        close     REAL    NOT NULL,
        volume    REAL    NOT NULL,
        PRIMARY KEY (exchange, symbol, timeframe, open_time)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};

export const marketMigrations: Migration[] = [candles];
