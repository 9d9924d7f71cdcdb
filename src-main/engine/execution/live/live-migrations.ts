import type { Database } from 'better-sqlite3';
import type { Migration } from '../../store/migrations';

/**
 * The live broker's own records beside the executor's. A live exchange finds an order by its
 * symbol and our client id, so every order the broker sends is written here (symbol, venue,
 * OCO list) before it leaves the process; reconciliation reads fills since a checkpoint per
 * venue and symbol; orders found at a venue that this database never wrote wait here until
 * the trader adopts or cancels them (they block new entries meanwhile).
 */
export const liveMigrations: Migration[] = [
  {
    id: 'live-001-orders',
    description: 'live orders sent per venue, fill checkpoints, foreign orders found at a venue',
    up(db: Database): void {
      db.exec(`
        CREATE TABLE live_orders (
          venue           TEXT NOT NULL,
          client_order_id TEXT NOT NULL,
          symbol          TEXT NOT NULL,
          venue_order_id  TEXT,
          order_list_id   TEXT,
          oco_group       TEXT,
          -- What we sent, in the port's terms (JSON): our view of the order wins over the
          -- exchange's rendering of it (a stop-market sent as a stop-limit).
          terms           TEXT NOT NULL,
          sent_at         INTEGER NOT NULL,
          PRIMARY KEY (venue, client_order_id)
        ) STRICT;
        CREATE INDEX live_orders_venue_id ON live_orders(venue, venue_order_id);

        CREATE TABLE live_fill_checkpoints (
          venue   TEXT NOT NULL,
          symbol  TEXT NOT NULL,
          fill_at INTEGER NOT NULL,
          PRIMARY KEY (venue, symbol)
        ) STRICT;

        CREATE TABLE live_foreign_orders (
          venue           TEXT NOT NULL,
          client_order_id TEXT NOT NULL,
          venue_order_id  TEXT NOT NULL,
          symbol          TEXT NOT NULL,
          side            TEXT NOT NULL,
          qty             TEXT NOT NULL,
          seen_at         INTEGER NOT NULL,
          resolution      TEXT CHECK (resolution IN ('adopted','canceled')),
          resolved_at     INTEGER,
          PRIMARY KEY (venue, client_order_id)
        ) STRICT;
      `);
    },
  },
];
