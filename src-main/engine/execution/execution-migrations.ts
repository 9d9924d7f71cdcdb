import type { Database } from 'better-sqlite3';
import type { Migration } from '../store/migrations';

/**
 * The executor's own records: every order from its write-ahead INTENT on, and every state
 * change it went through. Quantities are TEXT decimals (exact).
 */
export const executionMigrations: Migration[] = [
  {
    id: 'execution-001-orders',
    description: 'write-ahead order intents, their lifecycle, and the transition history',
    up(db: Database): void {
      db.exec(`
        CREATE TABLE exec_meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE exec_orders (
          id                     INTEGER PRIMARY KEY,
          book_id                TEXT NOT NULL,
          venue                  TEXT NOT NULL,
          client_order_id        TEXT NOT NULL UNIQUE,
          request_key            TEXT,
          venue_order_id         TEXT,
          symbol                 TEXT NOT NULL,
          side                   TEXT NOT NULL CHECK (side IN ('buy','sell')),
          type                   TEXT NOT NULL CHECK (type IN ('market','limit','stop-market','stop-limit')),
          qty                    TEXT NOT NULL,
          price                  TEXT,
          stop_price             TEXT,
          time_in_force          TEXT NOT NULL CHECK (time_in_force IN ('GTC','IOC')),
          reduce_only            INTEGER NOT NULL CHECK (reduce_only IN (0,1)),
          state                  TEXT NOT NULL,
          filled_qty             TEXT NOT NULL,
          filled_value           TEXT NOT NULL,
          reason                 TEXT,
          bracket_role           TEXT CHECK (bracket_role IN ('entry','stop-loss','take-profit')),
          parent_client_order_id TEXT,
          oco_group              TEXT,
          bracket_stop           TEXT,
          bracket_target         TEXT,
          submit_attempts        INTEGER NOT NULL DEFAULT 0,
          created_at             INTEGER NOT NULL,
          updated_at             INTEGER NOT NULL,
          UNIQUE (book_id, request_key)
        ) STRICT;
        CREATE INDEX exec_orders_state ON exec_orders(book_id, state);
        -- Reconciliation and cancel-all read only live orders; keep that read independent of history.
        CREATE INDEX exec_orders_live ON exec_orders(book_id, id)
          WHERE state NOT IN ('FILLED','CANCELED','REJECTED','EXPIRED');
        CREATE INDEX exec_orders_parent ON exec_orders(parent_client_order_id);

        CREATE TABLE exec_transitions (
          seq             INTEGER PRIMARY KEY,
          client_order_id TEXT NOT NULL REFERENCES exec_orders(client_order_id),
          from_state      TEXT NOT NULL,
          to_state        TEXT NOT NULL,
          at              INTEGER NOT NULL,
          reason          TEXT
        ) STRICT;
        CREATE INDEX exec_transitions_order ON exec_transitions(client_order_id);
      `);
    },
  },
  {
    id: 'execution-002-placed-by',
    description:
      'who placed each order (trader, kill switch, bracket), for the cockpit and the kill panel',
    up(db: Database): void {
      db.exec('ALTER TABLE exec_orders ADD COLUMN placed_by TEXT');
    },
  },
  {
    id: 'execution-003-exits-cover',
    description:
      "how much of a bracket entry's fills its exits cover: a partly filled entry is protected as it fills",
    up(db: Database): void {
      db.exec(`
        ALTER TABLE exec_orders ADD COLUMN exits_cover_qty TEXT NOT NULL DEFAULT '0';
        -- Entries from before: their exits were written once, for everything they filled.
        UPDATE exec_orders SET exits_cover_qty = filled_qty
         WHERE bracket_role = 'entry'
           AND EXISTS (SELECT 1 FROM exec_orders c
                        WHERE c.parent_client_order_id = exec_orders.client_order_id);
      `);
    },
  },
];
