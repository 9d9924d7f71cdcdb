import type { Database } from 'better-sqlite3';
import type { Migration } from '../store/migrations';

/**
 * Trade plans as proposed and what became of them: the journal finds a trade's plan (its
 * initial risk) from the entry order's client id, and SHADOW keeps here what it would have sent.
 */
export const planMigrations: Migration[] = [
  {
    id: 'plans-001-trade-plans',
    description: 'trade plans, their source and status, and the entry orders they became',
    up(db: Database): void {
      db.exec(`
        CREATE TABLE trade_plans (
          seq         INTEGER PRIMARY KEY,
          plan_id     TEXT NOT NULL UNIQUE,
          book_id     TEXT NOT NULL,
          symbol      TEXT NOT NULL,
          source      TEXT NOT NULL CHECK (source IN ('manual','autopilot','shadow')),
          status      TEXT NOT NULL CHECK (status IN ('proposed','sent','shadow','dropped')),
          created_at  INTEGER NOT NULL,
          plan        TEXT NOT NULL,
          -- SHADOW: what the plan would have done at the next bar (JSON), once known
          outcome     TEXT
        ) STRICT;
        CREATE INDEX trade_plans_book ON trade_plans (book_id, created_at);

        CREATE TABLE trade_plan_entries (
          client_order_id TEXT PRIMARY KEY,
          plan_id         TEXT NOT NULL REFERENCES trade_plans (plan_id),
          leg             INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    id: 'plans-002-stop-moves',
    description: "every move of a sent plan's stop, for the journal's record of the trade",
    up(db: Database): void {
      db.exec(`
        CREATE TABLE trade_plan_stop_moves (
          seq             INTEGER PRIMARY KEY,
          plan_id         TEXT NOT NULL REFERENCES trade_plans (plan_id),
          client_order_id TEXT NOT NULL,
          at              INTEGER NOT NULL,
          from_price      TEXT NOT NULL,
          to_price        TEXT NOT NULL,
          why             TEXT NOT NULL
        ) STRICT;
        CREATE INDEX trade_plan_stop_moves_plan ON trade_plan_stop_moves (plan_id, seq);
      `);
    },
  },
  {
    id: 'plans-003-refusal-rule',
    description: "a stored plan's refusal rule: unrecorded for refused plans kept before it was",
    up(db: Database): void {
      // The plan JSON is parsed with the contract's schema on every read: give older plans the
      // field, saying plainly that no rule was recorded rather than guessing one from the words.
      db.exec(`
        UPDATE trade_plans SET plan = json_set(plan, '$.refusalRule',
          CASE WHEN json_extract(plan, '$.refusal') IS NULL THEN NULL ELSE 'unrecorded' END)
        WHERE json_type(plan, '$.refusalRule') IS NULL;
      `);
    },
  },
];
