import type { Database } from 'better-sqlite3';

/**
 * Open paper orders and non-flat paper positions in a data folder, read straight from the
 * paper venue's tables (so the CLI can check without starting an engine). Paper state priced on
 * one market source must not be carried onto another: replayed 2018 prices against live ones.
 */
export function paperExposure(db: Database): { orders: number; positions: number } {
  const orders = db
    .prepare("SELECT COUNT(*) AS n FROM paper_orders WHERE status IN ('OPEN','PARTIALLY_FILLED')")
    .get() as { n: number };
  const positions = db
    .prepare(
      "SELECT COUNT(*) AS n FROM paper_positions WHERE qty NOT IN ('0', '-0') AND CAST(qty AS REAL) <> 0",
    )
    .get() as { n: number };
  return { orders: orders.n, positions: positions.n };
}

/**
 * Forgets which bar each paper market saw last, so a market source whose prices lie before
 * the other's (a replay after live prices) fills again. Only safe with no open paper orders.
 */
export function resetPaperBarCursor(db: Database): void {
  db.prepare('DELETE FROM paper_bars').run();
}
