import type { Database } from 'better-sqlite3';
import type { Migration } from '../../store/migrations';

/**
 * The paper venue's own state: it is the "exchange" in paper mode, so it keeps its own
 * orders, fills, positions and cash, apart from the executor's and the ledger's tables. After
 * a crash the executor reconciles against these records exactly as it would against a live
 * exchange. Quantities and prices are TEXT decimals at the market's precision.
 */
export const paperMigrations: Migration[] = [
  {
    id: 'paper-001-venue',
    description: 'paper venue accounts, orders, fills, positions, bar cursor, request log, resets',
    up(db: Database): void {
      db.exec(`
        CREATE TABLE paper_accounts (
          account_id       TEXT PRIMARY KEY,
          quote_asset      TEXT NOT NULL,
          starting_balance TEXT NOT NULL,
          cash             TEXT NOT NULL,
          created_at       INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE paper_orders (
          seq             INTEGER PRIMARY KEY,
          account_id      TEXT NOT NULL REFERENCES paper_accounts(account_id),
          client_order_id TEXT NOT NULL,
          symbol          TEXT NOT NULL,
          side            TEXT NOT NULL,
          type            TEXT NOT NULL,
          qty             TEXT NOT NULL,
          price           TEXT,
          stop_price      TEXT,
          time_in_force   TEXT NOT NULL,
          reduce_only     INTEGER NOT NULL,
          oco_group       TEXT,
          status          TEXT NOT NULL,
          filled_qty      TEXT NOT NULL,
          filled_value    TEXT NOT NULL,
          triggered       INTEGER NOT NULL DEFAULT 0,
          seen_bar        INTEGER NOT NULL DEFAULT 0,
          accepted_at     INTEGER NOT NULL,
          updated_at      INTEGER NOT NULL,
          reason          TEXT,
          UNIQUE (account_id, client_order_id)
        ) STRICT;
        CREATE INDEX paper_orders_open ON paper_orders(account_id, symbol, status);
        CREATE INDEX paper_orders_status ON paper_orders(account_id, status);
        CREATE INDEX paper_orders_oco ON paper_orders(account_id, oco_group);

        CREATE TABLE paper_fills (
          seq             INTEGER PRIMARY KEY,
          account_id      TEXT NOT NULL REFERENCES paper_accounts(account_id),
          client_order_id TEXT NOT NULL,
          symbol          TEXT NOT NULL,
          side            TEXT NOT NULL,
          qty             TEXT NOT NULL,
          price           TEXT NOT NULL,
          fee             TEXT NOT NULL,
          fee_asset       TEXT NOT NULL,
          liquidity       TEXT NOT NULL,
          at              INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX paper_fills_order ON paper_fills(account_id, client_order_id);

        CREATE TABLE paper_positions (
          account_id TEXT NOT NULL REFERENCES paper_accounts(account_id),
          symbol     TEXT NOT NULL,
          qty        TEXT NOT NULL,
          PRIMARY KEY (account_id, symbol)
        ) STRICT;

        -- The last bar processed per symbol: bars are applied exactly once, even after a crash.
        CREATE TABLE paper_bars (
          account_id TEXT NOT NULL REFERENCES paper_accounts(account_id),
          symbol     TEXT NOT NULL,
          open_time  INTEGER NOT NULL,
          last_price TEXT NOT NULL,
          PRIMARY KEY (account_id, symbol)
        ) STRICT;

        -- Every request the venue received, so tests can prove nothing was sent twice.
        CREATE TABLE paper_requests (
          seq             INTEGER PRIMARY KEY,
          account_id      TEXT NOT NULL,
          at              INTEGER NOT NULL,
          kind            TEXT NOT NULL,
          client_order_id TEXT,
          outcome         TEXT NOT NULL
        ) STRICT;

        CREATE TABLE paper_resets (
          seq         INTEGER PRIMARY KEY,
          account_id  TEXT NOT NULL REFERENCES paper_accounts(account_id),
          at          INTEGER NOT NULL,
          old_cash    TEXT NOT NULL,
          new_balance TEXT NOT NULL,
          actor       TEXT NOT NULL,
          reason      TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    id: 'paper-002-last-volume',
    description: 'the last bar volume per symbol, for the impact of a fill at the last price',
    up(db: Database): void {
      db.exec('ALTER TABLE paper_bars ADD COLUMN last_volume REAL');
    },
  },
  {
    id: 'paper-003-balances',
    description:
      'per-asset balances (a spot account holds BTC, ETH, USDT...) and the margin/futures setting',
    up(db: Database): void {
      db.exec(`
        CREATE TABLE paper_balances (
          account_id TEXT NOT NULL REFERENCES paper_accounts(account_id),
          asset      TEXT NOT NULL,
          cash       TEXT NOT NULL,
          PRIMARY KEY (account_id, asset)
        ) STRICT;
        INSERT INTO paper_balances (account_id, asset, cash)
          SELECT account_id, quote_asset, cash FROM paper_accounts;
        ALTER TABLE paper_accounts ADD COLUMN margin_trading INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE paper_accounts DROP COLUMN cash;
      `);
      // Spot positions held before balances were kept are base assets the account holds.
      const held = db
        .prepare("SELECT account_id, symbol, qty FROM paper_positions WHERE qty <> '0'")
        .all() as Array<{ account_id: string; symbol: string; qty: string }>;
      const insert = db.prepare(
        'INSERT INTO paper_balances (account_id, asset, cash) VALUES (?, ?, ?)',
      );
      for (const row of held) insert.run(row.account_id, row.symbol.split('/')[0], row.qty);
    },
  },
];
