import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderState } from '../../../src-shared/domain/order';
import { verifyAuditChain } from '../../../src-main/engine/audit/verify-audit';
import { isLegalTransition } from '../../../src-main/engine/execution/order-state';
import { moneyOf, qtyOf } from '../../../src-main/engine/ledger/money';
import { bundleCrashChild, runCrashChild } from '../../support/crash-harness';
import { CANDLE_DIR } from '../../support/execution-fixture';
import { mulberry32 } from '../../support/seeded-random';

/**
 * Crash test: a child process runs the executor on the paper broker and is SIGKILLed at
 * seeded random points (the Nth probe hit inside the submit/ack/fill paths), then restarted
 * on the same database, again and again; a final clean run finishes the workload. Afterwards
 * the executor's and ledger's records must match the paper venue's own records exactly.
 */
const SCENARIOS = 25;
const KILLS_PER_SCENARIO = 8;
const STEPS = 50;
const CSV = join(CANDLE_DIR, 'binance_BTC-USDT_1m.csv');

let dir = '';
let bundle = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-crash-'));
  bundle = await bundleCrashChild(resolve(__dirname, 'crash-child.ts'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true });
});

function runChild(db: string, seed: number, crashAt: number) {
  return runCrashChild(bundle, [db, CSV, String(seed), String(crashAt), String(STEPS)], dir);
}

/** One scenario: repeated kills on one database, then a clean run and the checks. */
async function scenario(n: number): Promise<{ kills: number; fills: number; points: string[] }> {
  const points: string[] = [];
  const db = join(dir, `s${n}.db`);
  const pick = mulberry32(n);
  let kills = 0;
  for (
    let attempt = 0;
    kills < KILLS_PER_SCENARIO && attempt < KILLS_PER_SCENARIO * 3;
    attempt += 1
  ) {
    const crashAt = 1 + Math.floor(pick() * 40);
    const r = await runChild(db, n, crashAt);
    expect(r.hung, `a child run hung: ${r.stderr}`).toBe(false);
    if (r.signal === 'SIGKILL') {
      kills += 1;
      points.push(/KILL@(\S+)/.exec(r.stderr)?.[1] ?? 'unknown');
    } else expect(r.status, r.stderr).toBe(0); // finished before reaching the kill point
  }
  const final = await runChild(db, n, -1);
  expect(final.hung, `the final run hung: ${final.stderr}`).toBe(false);
  expect(final.status, final.stderr).toBe(0);
  verify(db);
  const d = new BetterSqlite3(db, { readonly: true });
  const fills = (d.prepare('SELECT COUNT(*) AS n FROM paper_fills').get() as { n: number }).n;
  d.close();
  return { kills, fills, points };
}

function verify(dbPath: string): void {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    // Zero duplicate orders: the venue received each client id in at most one submit.
    const dupSubmits = db
      .prepare(
        "SELECT client_order_id, COUNT(*) AS n FROM paper_requests WHERE kind = 'submit' GROUP BY client_order_id HAVING n > 1",
      )
      .all();
    expect(dupSubmits).toEqual([]);
    // Every venue order is one of ours.
    const orphans = db
      .prepare(
        'SELECT p.client_order_id FROM paper_orders p LEFT JOIN exec_orders e ON e.client_order_id = p.client_order_id WHERE e.id IS NULL',
      )
      .all();
    expect(orphans).toEqual([]);
    // Zero lost fills, none counted twice: venue fills and ledger fills match one to one.
    const venueFills = db
      .prepare(
        "SELECT 'T' || seq AS id, client_order_id, qty, price, fee FROM paper_fills ORDER BY seq",
      )
      .all() as Array<{
      id: string;
      client_order_id: string;
      qty: string;
      price: string;
      fee: string;
    }>;
    const ledgerFills = db
      .prepare(
        "SELECT fill_id AS id, client_order_id, qty, price, fee FROM ledger_fills WHERE book_id = 'paper' ORDER BY seq",
      )
      .all() as typeof venueFills;
    expect(ledgerFills.length).toBe(venueFills.length);
    const byId = new Map(ledgerFills.map((f) => [f.id, f]));
    for (const v of venueFills) {
      const l = byId.get(v.id);
      if (l === undefined) throw new Error(`venue fill ${v.id} missing from the ledger`);
      expect(qtyOf(l.qty, 'l')).toBe(qtyOf(v.qty, 'v'));
      expect(qtyOf(l.price, 'l')).toBe(qtyOf(v.price, 'v'));
      expect(l.client_order_id).toBe(v.client_order_id);
    }
    // Every order the venue knows has the venue's status and filled quantity locally.
    const pairs = db
      .prepare(
        'SELECT e.client_order_id, e.state, e.filled_qty AS local_filled, p.status, p.filled_qty AS venue_filled FROM exec_orders e JOIN paper_orders p ON p.client_order_id = e.client_order_id',
      )
      .all() as Array<{
      client_order_id: string;
      state: string;
      local_filled: string;
      status: string;
      venue_filled: string;
    }>;
    for (const p of pairs) {
      expect(qtyOf(p.local_filled, 'l'), p.client_order_id).toBe(qtyOf(p.venue_filled, 'v'));
      if (p.state !== 'CANCEL_PENDING') expect(p.state, p.client_order_id).toBe(p.status);
    }
    // Orders the venue never saw were never sent twice and ended final (or wait as INTENT).
    const unsent = db
      .prepare(
        'SELECT e.state FROM exec_orders e LEFT JOIN paper_orders p ON p.client_order_id = e.client_order_id WHERE p.seq IS NULL',
      )
      .all() as Array<{ state: string }>;
    for (const u of unsent) expect(['EXPIRED', 'CANCELED', 'REJECTED']).toContain(u.state);
    // Money: ledger cash and positions equal the venue's, exactly; the identity holds.
    const venueCash = (
      db
        .prepare("SELECT cash FROM paper_balances WHERE account_id = 'paper' AND asset = 'USDT'")
        .get() as {
        cash: string;
      }
    ).cash;
    const book = db
      .prepare(
        "SELECT starting_balance, cash, realized, fees FROM ledger_books WHERE book_id = 'paper'",
      )
      .get() as {
      starting_balance: string;
      cash: string;
      realized: string;
      fees: string;
    };
    expect(moneyOf(book.cash, 'c')).toBe(moneyOf(venueCash, 'v'));
    const venuePos = db
      .prepare("SELECT qty FROM paper_positions WHERE symbol = 'BTC/USDT'")
      .get() as { qty: string } | undefined;
    const ledgerPos = db
      .prepare(
        "SELECT qty, cost FROM ledger_positions WHERE book_id = 'paper' AND symbol = 'BTC/USDT'",
      )
      .get() as { qty: string; cost: string } | undefined;
    expect(qtyOf(ledgerPos?.qty ?? '0', 'l')).toBe(qtyOf(venuePos?.qty ?? '0', 'v'));
    const cost = moneyOf(ledgerPos?.cost ?? '0', 'cost');
    expect(moneyOf(book.cash, 'c') + cost).toBe(
      moneyOf(book.starting_balance, 's') + moneyOf(book.realized, 'r') - moneyOf(book.fees, 'f'),
    );
    // Every recorded state change, across all the crashes, was a legal edge.
    const edges = db.prepare('SELECT from_state, to_state FROM exec_transitions').all() as Array<{
      from_state: OrderState;
      to_state: OrderState;
    }>;
    for (const e of edges) expect(isLegalTransition(e.from_state, e.to_state)).toBe(true);
    expect(verifyAuditChain(db).intact).toBe(true);
  } finally {
    db.close();
  }
}

describe('crash recovery (SIGKILL at seeded random points)', () => {
  it(`survives ${SCENARIOS * KILLS_PER_SCENARIO} kills with zero duplicate orders and zero lost fills`, async () => {
    const results: Array<{ kills: number; fills: number; points: string[] }> = [];
    // Two scenarios at a time (one per core); each scenario is sequential on its own database.
    for (let n = 1; n <= SCENARIOS; n += 2) {
      const batch = [scenario(n)];
      if (n + 1 <= SCENARIOS) batch.push(scenario(n + 1));
      results.push(...(await Promise.all(batch)));
    }
    const kills = results.reduce((a, r) => a + r.kills, 0);
    const fills = results.reduce((a, r) => a + r.fills, 0);
    expect(kills).toBeGreaterThanOrEqual(200);
    // The kills landed all over the submit, ack and fill paths, not in one place.
    const where = new Set(results.flatMap((r) => r.points));
    for (const point of [
      'exec.intent.written',
      'exec.submitted.before-send',
      'paper.submit.received',
      'paper.submit.committed',
      'exec.ack.received',
      'paper.bar.committed',
      'exec.fill.applied',
    ]) {
      expect(where, point).toContain(point);
    }
    expect(fills).toBeGreaterThan(100);
    const tally = new Map<string, number>();
    for (const p of results.flatMap((r) => r.points)) tally.set(p, (tally.get(p) ?? 0) + 1);
    console.info(
      `crash test: ${kills} kills, ${fills} venue fills reconciled; kill points ${JSON.stringify(Object.fromEntries(tally))}`,
    );
  }, 240_000);
});
