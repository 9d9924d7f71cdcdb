import type { Database } from 'better-sqlite3';
import type { Migration } from '../store/migrations';

/**
 * Ledger tables. Money and quantities are TEXT canonical decimals (exact; SQLite integers
 * would overflow at the ledger's 1e-24 money scale). Every row carries book_id.
 */
export const ledgerMigrations: Migration[] = [
  {
    id: 'ledger-001-books-fills-lots',
    description: 'ledger books, fills, FIFO lots and closes, positions, marks, equity samples',
    up(db: Database): void {
      db.exec(`
        CREATE TABLE ledger_books (
          book_id          TEXT PRIMARY KEY,
          quote_asset      TEXT NOT NULL,
          starting_balance TEXT NOT NULL,
          cash             TEXT NOT NULL,
          realized         TEXT NOT NULL,
          fees             TEXT NOT NULL,
          created_at       INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE ledger_fills (
          seq             INTEGER PRIMARY KEY,
          book_id         TEXT NOT NULL REFERENCES ledger_books(book_id),
          fill_id         TEXT NOT NULL,
          client_order_id TEXT NOT NULL,
          symbol          TEXT NOT NULL,
          side            TEXT NOT NULL CHECK (side IN ('buy','sell')),
          qty             TEXT NOT NULL,
          price           TEXT NOT NULL,
          notional        TEXT NOT NULL,
          fee             TEXT NOT NULL,
          fee_asset       TEXT NOT NULL,
          fee_quote       TEXT NOT NULL,
          liquidity       TEXT NOT NULL CHECK (liquidity IN ('maker','taker')),
          realized        TEXT NOT NULL,
          at              INTEGER NOT NULL,
          UNIQUE (book_id, fill_id)
        ) STRICT;
        CREATE INDEX ledger_fills_order ON ledger_fills(book_id, client_order_id);
        CREATE INDEX ledger_fills_at ON ledger_fills(book_id, at);

        CREATE TABLE ledger_lots (
          lot_id        INTEGER PRIMARY KEY,
          book_id       TEXT NOT NULL REFERENCES ledger_books(book_id),
          symbol        TEXT NOT NULL,
          direction     TEXT NOT NULL CHECK (direction IN ('long','short')),
          open_fill_id  TEXT NOT NULL,
          opened_at     INTEGER NOT NULL,
          open_price    TEXT NOT NULL,
          qty_opened    TEXT NOT NULL,
          qty_remaining TEXT NOT NULL,
          open          INTEGER NOT NULL CHECK (open IN (0,1))
        ) STRICT;
        CREATE INDEX ledger_lots_open ON ledger_lots(book_id, symbol, open, lot_id);

        CREATE TABLE ledger_lot_closes (
          seq           INTEGER PRIMARY KEY,
          book_id       TEXT NOT NULL REFERENCES ledger_books(book_id),
          lot_id        INTEGER NOT NULL REFERENCES ledger_lots(lot_id),
          close_fill_id TEXT NOT NULL,
          closed_at     INTEGER NOT NULL,
          qty           TEXT NOT NULL,
          close_price   TEXT NOT NULL,
          cost_basis    TEXT NOT NULL,
          proceeds      TEXT NOT NULL,
          realized      TEXT NOT NULL
        ) STRICT;
        CREATE INDEX ledger_lot_closes_at ON ledger_lot_closes(book_id, closed_at);

        CREATE TABLE ledger_positions (
          book_id  TEXT NOT NULL REFERENCES ledger_books(book_id),
          symbol   TEXT NOT NULL,
          qty      TEXT NOT NULL,
          cost     TEXT NOT NULL,
          realized TEXT NOT NULL,
          fees     TEXT NOT NULL,
          PRIMARY KEY (book_id, symbol)
        ) STRICT;

        CREATE TABLE ledger_marks (
          book_id TEXT NOT NULL REFERENCES ledger_books(book_id),
          symbol  TEXT NOT NULL,
          price   TEXT NOT NULL,
          at      INTEGER NOT NULL,
          PRIMARY KEY (book_id, symbol)
        ) STRICT;

        CREATE TABLE ledger_equity (
          seq        INTEGER PRIMARY KEY,
          book_id    TEXT NOT NULL REFERENCES ledger_books(book_id),
          at         INTEGER NOT NULL,
          cause      TEXT NOT NULL CHECK (cause IN ('fill','bar')),
          ref        TEXT NOT NULL,
          equity     TEXT NOT NULL,
          cash       TEXT NOT NULL,
          unrealized TEXT NOT NULL,
          realized   TEXT NOT NULL,
          fees       TEXT NOT NULL,
          UNIQUE (book_id, cause, ref, at)
        ) STRICT;
        CREATE INDEX ledger_equity_at ON ledger_equity(book_id, at);

        -- Deposits, withdrawals and audited paper resets: they move the starting balance too.
        CREATE TABLE ledger_transfers (
          seq     INTEGER PRIMARY KEY,
          book_id TEXT NOT NULL REFERENCES ledger_books(book_id),
          at      INTEGER NOT NULL,
          amount  TEXT NOT NULL,
          reason  TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    id: 'ledger-002-foreign-cash',
    description:
      "cash, realized PnL and fees per currency other than the book's own (pairs quoted in BTC, ETH...)",
    up(db: Database): void {
      db.exec(`
        -- A book trades pairs quoted in other currencies too (ETH/BTC): their cash, realized PnL
        -- and fees stay in that currency, valued in the book's currency at current marks.
        CREATE TABLE ledger_cash (
          book_id  TEXT NOT NULL REFERENCES ledger_books(book_id),
          asset    TEXT NOT NULL,
          cash     TEXT NOT NULL,
          realized TEXT NOT NULL,
          fees     TEXT NOT NULL,
          PRIMARY KEY (book_id, asset)
        ) STRICT;

        -- Moves of such cash in or out of the book (a paper reset clears them).
        CREATE TABLE ledger_cash_transfers (
          seq     INTEGER PRIMARY KEY,
          book_id TEXT NOT NULL REFERENCES ledger_books(book_id),
          asset   TEXT NOT NULL,
          at      INTEGER NOT NULL,
          amount  TEXT NOT NULL,
          reason  TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    id: 'ledger-003-fill-rates',
    description:
      "the rate of a fill's quote currency into the book's own at the fill's time (reports value ETH/BTC fills with it)",
    up(db: Database): void {
      db.exec(`
        -- A fill quoted in another currency (ETH/BTC in a USDT book) keeps the rate of that
        -- currency into the book's at its time, from the ledger's marks then (conversion.ts):
        -- 1 unit of asset = num / den units of the book's currency, through the markets in via.
        CREATE TABLE ledger_fill_rates (
          book_id TEXT NOT NULL REFERENCES ledger_books(book_id),
          fill_id TEXT NOT NULL,
          asset   TEXT NOT NULL,
          num     TEXT NOT NULL,
          den     TEXT NOT NULL,
          via     TEXT NOT NULL,
          at      INTEGER NOT NULL,
          PRIMARY KEY (book_id, fill_id)
        ) STRICT;
      `);
    },
  },
];
