import type { Database } from 'better-sqlite3';
import type { Migration } from '../store/migrations';

/**
 * Journal tables. Trades themselves are not stored: they are rebuilt from the ledger's fills,
 * so they can never disagree with it. Stored is what the fills do not say: the scanner's signal
 * when an entry filled, and the trader's notes and tags.
 */
export const journalMigrations: Migration[] = [
  {
    id: 'journal-001-entry-signals-notes',
    description: "journal: the signal at each entry fill, the trader's notes and tags per trade",
    up(db: Database): void {
      db.exec(`
        -- One row per fill that opened or added to a position: the signal current at that fill.
        CREATE TABLE journal_entry_signals (
          book_id    TEXT NOT NULL,
          fill_id    TEXT NOT NULL,
          signal     TEXT NOT NULL,
          updated_at INTEGER NOT NULL,
          PRIMARY KEY (book_id, fill_id)
        ) STRICT;

        CREATE TABLE journal_notes (
          book_id    TEXT NOT NULL,
          trade_id   TEXT NOT NULL,
          text       TEXT NOT NULL,
          tags       TEXT NOT NULL,
          updated_at INTEGER NOT NULL,
          updated_by TEXT NOT NULL,
          PRIMARY KEY (book_id, trade_id)
        ) STRICT;
      `);
    },
  },
];
