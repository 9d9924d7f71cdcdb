import type { Database, Statement } from 'better-sqlite3';
import type { PlanStopMove } from '../../../src-shared/contract/journal';
import { TradePlanSchema, type TradePlan } from '../../../src-shared/contract/plans';

export type PlanSource = 'manual' | 'autopilot' | 'shadow';
export type PlanStatus = 'proposed' | 'sent' | 'shadow' | 'dropped';

export interface StoredPlan {
  readonly plan: TradePlan;
  readonly source: PlanSource;
  readonly status: PlanStatus;
  readonly outcome: unknown;
}

interface PlanRow {
  plan: string;
  source: PlanSource;
  status: PlanStatus;
  outcome: string | null;
}

/** The trade_plans table: every plan proposed, how it ended, and its entry orders. */
export class PlanStore {
  private readonly q: {
    nextSeq: Statement<[], { seq: number | null }>;
    insert: Statement<[string, string, string, string, string, number, string]>;
    setStatus: Statement<[string, string]>;
    setOutcome: Statement<[string, string]>;
    byId: Statement<[string], PlanRow>;
    link: Statement<[string, string, number]>;
    byEntry: Statement<[string], PlanRow>;
    list: Statement<[string, string, number], PlanRow>;
    entries: Statement<[string], { client_order_id: string }>;
    managed: Statement<[string], PlanRow>;
    addMove: Statement<[string, string, number, string, string, string]>;
    moves: Statement<
      [string],
      { client_order_id: string; at: number; from_price: string; to_price: string; why: string }
    >;
  };

  constructor(private readonly db: Database) {
    const p = db.prepare.bind(db);
    this.q = {
      nextSeq: p('SELECT MAX(seq) AS seq FROM trade_plans'),
      insert: p(
        'INSERT INTO trade_plans (plan_id, book_id, symbol, source, status, created_at, plan) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      setStatus: p('UPDATE trade_plans SET status = ? WHERE plan_id = ?'),
      setOutcome: p('UPDATE trade_plans SET outcome = ? WHERE plan_id = ?'),
      byId: p('SELECT plan, source, status, outcome FROM trade_plans WHERE plan_id = ?'),
      link: p('INSERT INTO trade_plan_entries (client_order_id, plan_id, leg) VALUES (?, ?, ?)'),
      byEntry: p(
        `SELECT t.plan, t.source, t.status, t.outcome FROM trade_plan_entries e
           JOIN trade_plans t ON t.plan_id = e.plan_id WHERE e.client_order_id = ?`,
      ),
      list: p(
        'SELECT plan, source, status, outcome FROM trade_plans WHERE book_id = ? AND source LIKE ? ORDER BY seq DESC LIMIT ?',
      ),
      entries: p('SELECT client_order_id FROM trade_plan_entries WHERE plan_id = ? ORDER BY leg'),
      // Sent plans that asked for a trailing stop, newest first (bounded: the recent ones).
      managed: p(
        `SELECT plan, source, status, outcome FROM trade_plans
          WHERE book_id = ? AND status = 'sent'
            AND json_extract(plan, '$.management.trailAtr') IS NOT NULL
          ORDER BY seq DESC LIMIT 200`,
      ),
      addMove: p(
        'INSERT INTO trade_plan_stop_moves (plan_id, client_order_id, at, from_price, to_price, why) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      moves: p(
        'SELECT client_order_id, at, from_price, to_price, why FROM trade_plan_stop_moves WHERE plan_id = ? ORDER BY seq',
      ),
    };
  }

  /** A fresh plan id: unique in this data folder, in the order plans were made. */
  nextId(): string {
    return `P${(this.q.nextSeq.get()?.seq ?? 0) + 1}`;
  }

  insert(plan: TradePlan, source: PlanSource, status: PlanStatus): void {
    this.q.insert.run(
      plan.planId,
      plan.bookId,
      plan.symbol,
      source,
      status,
      plan.createdAt,
      JSON.stringify(plan),
    );
  }

  setStatus(planId: string, status: PlanStatus): void {
    this.q.setStatus.run(status, planId);
  }

  setOutcome(planId: string, outcome: unknown): void {
    this.q.setOutcome.run(JSON.stringify(outcome), planId);
  }

  /** Records that an entry order belongs to a plan (leg = which target, from 1). */
  linkEntry(planId: string, clientOrderId: string, leg: number): void {
    this.q.link.run(clientOrderId, planId, leg);
  }

  get(planId: string): StoredPlan | null {
    const row = this.q.byId.get(planId);
    return row === undefined ? null : parse(row);
  }

  /** The plan an entry order was sent for (the journal's way to a trade's initial risk). */
  forEntry(clientOrderId: string): StoredPlan | null {
    const row = this.q.byEntry.get(clientOrderId);
    return row === undefined ? null : parse(row);
  }

  /** A plan's entry orders, by target. */
  entriesOf(planId: string): string[] {
    return this.q.entries.all(planId).map((r) => r.client_order_id);
  }

  /** Sent plans of a book that trail their stop. */
  trailing(bookId: string): StoredPlan[] {
    return this.q.managed.all(bookId).map(parse);
  }

  /** Records one move of a sent plan's stop (the journal shows them with the trade). */
  addStopMove(planId: string, move: PlanStopMove): void {
    this.q.addMove.run(planId, move.entry, move.at, move.from, move.to, move.why);
  }

  /** A plan's stop moves, oldest first. */
  stopMoves(planId: string): PlanStopMove[] {
    return this.q.moves.all(planId).map((r) => ({
      at: r.at,
      entry: r.client_order_id,
      from: r.from_price,
      to: r.to_price,
      why: r.why,
    }));
  }

  list(bookId: string, source: PlanSource | null, limit: number): StoredPlan[] {
    return this.q.list.all(bookId, source ?? '%', limit).map(parse);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

function parse(row: PlanRow): StoredPlan {
  return {
    plan: TradePlanSchema.parse(JSON.parse(row.plan)),
    source: row.source,
    status: row.status,
    outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as unknown),
  };
}
