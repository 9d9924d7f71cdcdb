import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../../src-shared/domain/candle';
import type { OrderState } from '../../../src-shared/domain/order';
import { verifyAuditChain } from '../../../src-main/engine/audit/verify-audit';
import { isLegalTransition } from '../../../src-main/engine/execution/order-state';
import { loadCandleCsv } from '../../../src-main/engine/market/csv-loader';
import { units, type SpotOrder } from '../../support/binance-spot-account';
import { sharedCandleFile } from '../../support/candle-data';
import { bundleCrashChild, runCrashChild } from '../../support/crash-harness';
import { LIVE_T0 } from '../../support/live-broker-rig';
import { LIVE_CRASH_KEY, type LiveCrashMessage } from '../../support/live-crash-protocol';
import { LocalBinanceServer } from '../../support/local-binance-server';
import { mulberry32 } from '../../support/seeded-random';

/**
 * The crash test on the live broker: a child trades through ccxt against the local Binance
 * (which runs here, in the parent, so its order state outlives every kill) and is SIGKILLed at
 * seeded points: inside the executor's write and send paths, and from the exchange's side the
 * moment it has taken an order, cancelled one or filled one (the child has not read the
 * answer). It restarts on the same database, again and again; a final clean run finishes the
 * workload. Afterwards the exchange's own order state is the judge: no client id placed twice,
 * every exchange fill in the ledger once, no stop left working for a position that is gone.
 *
 * `npm test` runs 5 scenarios of 8 kills (40); VIGIL_LIVE_CRASH_SCENARIOS=40 runs 320
 * (`npm run bench crash` does).
 */
const SCENARIOS = Number(process.env['VIGIL_LIVE_CRASH_SCENARIOS'] ?? 5);
const KILLS_PER_SCENARIO = 8;
/** The executor's probe points the child can be killed at (src-main/engine/execution). */
const PROBE_POINTS = [
  'exec.intent.written',
  'exec.submitted.before-send',
  'exec.ack.received',
  'exec.fill.applied',
] as const;
const STEPS = 60;
const CSV = sharedCandleFile('binance_BTC-USDT_1m.csv');
const STARTING_USDT = '100000';

let dir = '';
let bundle = '';
let candles: readonly Candle[] = [];
let first = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-live-crash-'));
  bundle = await bundleCrashChild(resolve(__dirname, 'live-crash-child.ts'));
  candles = (await loadCandleCsv(CSV)).candles;
  first = candles.findIndex((c) => c.openTime >= LIVE_T0);
  expect(first).toBeGreaterThan(0);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true });
});

function candle(step: number): Candle {
  const c = candles[first + step];
  if (c === undefined) throw new Error(`no candle ${first + step}`);
  return c;
}

interface Exchange {
  readonly server: LocalBinanceServer;
  move(step: number): void;
}

async function startExchange(): Promise<Exchange> {
  let now = candle(0).openTime + 60_000;
  const server = new LocalBinanceServer(
    [{ base: 'BTC', quote: 'USDT', candles: { '1m': [...candles] } }],
    () => now,
  );
  server.addApiKey(LIVE_CRASH_KEY);
  server.account.deposit('USDT', STARTING_USDT);
  await server.start();
  return {
    server,
    move: (step) => {
      const c = candle(step);
      now = c.openTime + 60_000;
      server.setPrice('BTC', 'USDT', c.close);
    },
  };
}

/**
 * One child run. `venueKillAt` > 0 kills it from the exchange's side at that account event
 * (an order taken, cancelled, traded) instead of at a probe.
 */
function runChild(
  exchange: Exchange,
  db: string,
  seed: number,
  crashAt: string,
  venueKillAt: number,
): Promise<{ killed: boolean; point: string; status: number | null; stderr: string }> {
  let venuePoint: string | null = null;
  let events = 0;
  let stopListening: () => void = () => {};
  const args = [db, exchange.server.url, CSV, String(first), String(seed), crashAt, String(STEPS)];
  return runCrashChild(bundle, args, dir, (child) => {
    child.on('message', (m: LiveCrashMessage) => {
      if (m.kind !== 'move') return;
      exchange.move(m.step);
      const reply: LiveCrashMessage = { kind: 'moved', step: m.step };
      if (child.connected) child.send(reply);
    });
    if (venueKillAt > 0) {
      stopListening = exchange.server.account.onEvent((event) => {
        if (event.kind !== 'execution' || venuePoint !== null) return;
        events += 1;
        if (events !== venueKillAt) return;
        venuePoint = `venue.${event.exec}`;
        child.kill('SIGKILL'); // before the exchange's answer is written back
      });
    }
  }).then((r) => {
    stopListening();
    if (r.hung) throw new Error(`a child run hung (killed after the watchdog): ${r.stderr}`);
    const killed = r.signal === 'SIGKILL';
    const point = venuePoint ?? /KILL@(\S+)/.exec(r.stderr)?.[1] ?? 'unknown';
    return { killed, point, status: r.status, stderr: r.stderr };
  });
}

async function scenario(
  n: number,
): Promise<{ kills: number; fills: number; orders: number; points: string[] }> {
  const exchange = await startExchange();
  try {
    const points: string[] = [];
    const db = join(dir, `live-${n}.db`);
    const pick = mulberry32(7_919 * n);
    let kills = 0;
    let turn = n;
    for (
      let attempt = 0;
      kills < KILLS_PER_SCENARIO && attempt < KILLS_PER_SCENARIO * 3;
      attempt += 1
    ) {
      const fromVenue = pick() < 0.3;
      // The executor's points in turn, each at a seeded occurrence: every point is hit.
      const point = PROBE_POINTS[turn % PROBE_POINTS.length] as string;
      if (!fromVenue) turn += 1;
      const crashAt = fromVenue ? '-1' : `${point}:${1 + Math.floor(pick() * 6)}`;
      const venueKillAt = fromVenue ? 1 + Math.floor(pick() * 12) : 0;
      const r = await runChild(exchange, db, n, crashAt, venueKillAt);
      if (r.killed) {
        kills += 1;
        points.push(r.point);
      } else expect(r.status, r.stderr).toBe(0); // finished before reaching the kill point
    }
    const final = await runChild(exchange, db, n, '-1', 0);
    expect(final.status, final.stderr).toBe(0);
    verify(db, exchange.server);
    return {
      kills,
      fills: exchange.server.account.trades.length,
      orders: exchange.server.account.orders.length,
      points,
    };
  } finally {
    await exchange.server.stop();
  }
}

const OPEN = new Set(['NEW', 'PARTIALLY_FILLED']);
const LOCAL_OPEN = new Set<string>(['OPEN', 'PARTIALLY_FILLED', 'CANCEL_PENDING']);

function verify(dbPath: string, server: LocalBinanceServer): void {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    const account = server.account;
    // Zero duplicate orders: the exchange holds each of our client ids at most once.
    const perId = new Map<string, SpotOrder[]>();
    for (const o of account.orders)
      perId.set(o.clientOrderId, [...(perId.get(o.clientOrderId) ?? []), o]);
    const duplicates = [...perId].filter(([, list]) => list.length > 1).map(([id]) => id);
    expect(duplicates).toEqual([]);
    // Every exchange order is one of ours, known with the exchange's status and fills.
    const local = new Map(
      (
        db
          .prepare(
            "SELECT client_order_id, state, filled_qty, bracket_role FROM exec_orders WHERE book_id = 'live:binance'",
          )
          .all() as Array<{
          client_order_id: string;
          state: OrderState;
          filled_qty: string;
          bracket_role: string | null;
        }>
      ).map((r) => [r.client_order_id, r]),
    );
    for (const o of account.orders) {
      const mine = local.get(o.clientOrderId);
      if (mine === undefined)
        throw new Error(`exchange order ${o.clientOrderId} is unknown to the book`);
      expect(units(mine.filled_qty), o.clientOrderId).toBe(o.executed);
      expect(
        LOCAL_OPEN.has(mine.state),
        `${o.clientOrderId}: local ${mine.state}, exchange ${o.status}`,
      ).toBe(OPEN.has(o.status));
      if (o.status === 'FILLED') expect(mine.state).toBe('FILLED');
    }
    // Orders the exchange never saw were never sent twice and ended final.
    for (const [id, row] of local) {
      if (!perId.has(id)) expect(['EXPIRED', 'CANCELED', 'REJECTED'], id).toContain(row.state);
    }
    expect(db.prepare('SELECT COUNT(*) AS n FROM live_foreign_orders').get()).toEqual({ n: 0 });
    // Zero lost fills, none counted twice: exchange trades and ledger fills match one to one.
    const fills = db
      .prepare(
        "SELECT fill_id, client_order_id, side, qty, price, fee, fee_asset FROM ledger_fills WHERE book_id = 'live:binance'",
      )
      .all() as Array<{
      fill_id: string;
      client_order_id: string;
      side: string;
      qty: string;
      price: string;
      fee: string;
      fee_asset: string;
    }>;
    expect(fills.length).toBe(account.trades.length);
    const byId = new Map(fills.map((f) => [f.fill_id, f]));
    for (const t of account.trades) {
      const f = byId.get(`BTC/USDT:${t.id}`);
      if (f === undefined) throw new Error(`exchange trade ${t.id} missing from the ledger`);
      expect(units(f.qty)).toBe(t.qty);
      expect(units(f.price)).toBe(t.price);
      expect(units(f.fee)).toBe(t.commission);
      expect(f.client_order_id).toBe(
        account.orders.find((o) => o.orderId === t.orderId)?.clientOrderId,
      );
    }
    // Money: the ledger's cash is the exchange's USDT, to the unit.
    const balance = (asset: string): bigint => {
      const b = account.balances().find((x) => x.asset === asset);
      return b === undefined ? 0n : b.free + b.locked;
    };
    const book = db
      .prepare("SELECT cash FROM ledger_books WHERE book_id = 'live:binance'")
      .get() as { cash: string };
    expect(units(book.cash)).toBe(balance('USDT'));
    // What the fills left in BTC (buys net of the BTC they paid in fees) is what the exchange holds.
    let held = 0n;
    for (const f of fills) {
      held += f.side === 'buy' ? units(f.qty) : -units(f.qty);
      if (f.fee_asset === 'BTC') held -= units(f.fee);
    }
    expect(held).toBe(balance('BTC'));
    // Zero orphaned stops: whatever still rests to sell (an OCO list once) is covered by what
    // is held; nothing rests for a position that is gone.
    const restingSells = new Map<string, bigint>();
    for (const o of account.open()) {
      if (o.side !== 'SELL') continue;
      const group = o.orderListId === -1 ? `o${o.orderId}` : `l${o.orderListId}`;
      const rest = o.qty - o.executed;
      restingSells.set(
        group,
        (restingSells.get(group) ?? 0n) > rest ? (restingSells.get(group) ?? 0n) : rest,
      );
    }
    const resting = [...restingSells.values()].reduce((a, b) => a + b, 0n);
    expect(resting <= balance('BTC'), `${resting} resting to sell, ${balance('BTC')} held`).toBe(
      true,
    );
    if (balance('BTC') < units('0.00001')) {
      expect(account.open().filter((o) => o.type === 'STOP_LOSS_LIMIT')).toEqual([]);
    }
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

describe('crash recovery on the live broker (SIGKILL at seeded points, the local Binance judging)', () => {
  it(`survives ${SCENARIOS * KILLS_PER_SCENARIO} kills: zero duplicate orders, zero lost fills, zero orphaned stops`, async () => {
    const results: Array<Awaited<ReturnType<typeof scenario>>> = [];
    // Two scenarios at a time (one per core); each is sequential on its own database and exchange.
    for (let n = 1; n <= SCENARIOS; n += 2) {
      const batch = [scenario(n)];
      if (n + 1 <= SCENARIOS) batch.push(scenario(n + 1));
      results.push(...(await Promise.all(batch)));
    }
    const kills = results.reduce((a, r) => a + r.kills, 0);
    const fills = results.reduce((a, r) => a + r.fills, 0);
    const orders = results.reduce((a, r) => a + r.orders, 0);
    expect(kills).toBeGreaterThanOrEqual(SCENARIOS * KILLS_PER_SCENARIO);
    const where = new Set(results.flatMap((r) => r.points));
    for (const point of [...PROBE_POINTS, 'venue.NEW']) {
      expect(where, point).toContain(point);
    }
    expect(fills).toBeGreaterThan(20);
    const tally = new Map<string, number>();
    for (const p of results.flatMap((r) => r.points)) tally.set(p, (tally.get(p) ?? 0) + 1);
    console.info(
      `live crash test: ${kills} kills, ${orders} exchange orders, ${fills} exchange fills reconciled; kill points ${JSON.stringify(Object.fromEntries(tally))}`,
    );
  }, 600_000);
});
