import type { WakeCheck } from '../../../src-shared/contract/power';
import type { FeedStatus } from '../../../src-shared/domain/market';
import type { PositionView } from '../../../src-shared/domain/order';
import type { VenueBalance, VenuePosition } from '../execution/broker';
import type { ReconcileReport } from '../execution/reconcile-orders';
import type { BookSummary } from '../ledger/ledger-types';
import { moneyOf, qtyOf } from '../ledger/money';
import type { StopsReport } from './protective-stops';

export interface WakeCheckDeps {
  /** Every non-final order checked with the venue, missing fills recovered (never resends). */
  readonly reconcile: () => Promise<ReconcileReport>;
  readonly venueBalances: () => Promise<readonly VenueBalance[]>;
  readonly venuePositions: () => Promise<readonly VenuePosition[]>;
  readonly book: () => BookSummary | null;
  readonly ledgerPositions: () => readonly PositionView[];
  readonly feeds: () => readonly FeedStatus[];
  /** Null while HALTED: the kill switch manages the book. */
  readonly ensureStops: () => Promise<StopsReport | null>;
}

/**
 * One pass of what a wake waits for, in order: orders and fills reconciled with the venue,
 * the venue's balances and positions agreeing with the ledger, every position's stop resting
 * (placed now when missing), and every feed fresh — updated after the wake. A replay runs on
 * its own virtual clock, so a sleep cannot make it stale: it only has to be playing or ready.
 */
export async function runWakeChecks(deps: WakeCheckDeps, wakeAt: number): Promise<WakeCheck[]> {
  const checks: WakeCheck[] = [];
  const attempt = async (name: WakeCheck['name'], run: () => Promise<WakeCheck>): Promise<void> => {
    try {
      checks.push(await run());
    } catch (error) {
      checks.push({
        name,
        ok: false,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  };
  await attempt('orders', async () => {
    const r = await deps.reconcile();
    const orphans = r.orphans.length > 0 ? `; ${r.orphans.length} venue order(s) not ours` : '';
    return {
      name: 'orders',
      ok: r.unresolved === 0,
      detail:
        r.unresolved === 0
          ? `${r.checked} order(s) reconciled, ${r.fillsRecovered} missed fill(s) recovered${orphans}`
          : `${r.unresolved} of ${r.checked} order(s) still unclear at the venue${orphans}`,
    };
  });
  await attempt('balances', async () => balancesCheck(deps));
  await attempt('stops', async () => {
    const r = await deps.ensureStops();
    if (r === null)
      return { name: 'stops', ok: true, detail: 'HALTED: the kill switch manages the book' };
    const failed = r.failed.map((f) => `${f.symbol}: ${f.reason}`).join('; ');
    return {
      name: 'stops',
      ok: r.failed.length === 0,
      detail:
        r.failed.length === 0
          ? `${r.positions} position(s): ${r.covered} covered, ${r.placed.length} stop(s) placed`
          : `no stop resting for ${failed}`,
    };
  });
  await attempt('feeds', async () => {
    const stale = deps.feeds().filter(
      (f) =>
        !(f.feed === 'replay'
          ? // A replay's prices do not age with the wall clock: playing, paused or finished.
            f.state === 'LIVE' || f.state === 'ENDED'
          : f.state === 'LIVE' && (f.lastUpdateAt ?? -Infinity) >= wakeAt),
    );
    return {
      name: 'feeds',
      ok: stale.length === 0,
      detail:
        stale.length === 0
          ? `${deps.feeds().length} feed(s) fresh`
          : stale
              .map((f) => `${f.feed} ${f.state}: no update since the wake (${f.reason})`)
              .join('; '),
    };
  });
  return checks;
}

async function balancesCheck(deps: WakeCheckDeps): Promise<WakeCheck> {
  const book = deps.book();
  if (book === null) return { name: 'balances', ok: false, detail: 'the ledger has no book' };
  const [balances, positions] = await Promise.all([deps.venueBalances(), deps.venuePositions()]);
  const problems: string[] = [];
  const quote = balances.find((b) => b.asset === book.quoteAsset);
  if (quote === undefined) problems.push(`the venue shows no ${book.quoteAsset} balance`);
  else if (moneyOf(quote.total, 'venue balance') !== moneyOf(book.cash, 'ledger cash'))
    problems.push(`${book.quoteAsset}: ledger ${book.cash}, venue ${quote.total}`);
  const venueQty = new Map(positions.map((p) => [p.symbol, qtyOf(p.qty, 'venue position')]));
  const symbols = new Set([...venueQty.keys(), ...deps.ledgerPositions().map((p) => p.symbol)]);
  const ledgerQty = new Map(
    deps.ledgerPositions().map((p) => [p.symbol, qtyOf(p.qty, 'ledger position')]),
  );
  for (const symbol of symbols) {
    const l = ledgerQty.get(symbol) ?? 0n;
    const v = venueQty.get(symbol) ?? 0n;
    if (l !== v) problems.push(`${symbol}: ledger ${l}, venue ${v} (x1e-12)`);
  }
  return problems.length === 0
    ? {
        name: 'balances',
        ok: true,
        detail: `${book.quoteAsset} and ${symbols.size} position(s) agree with the venue`,
      }
    : { name: 'balances', ok: false, detail: `ledger and venue disagree: ${problems.join('; ')}` };
}
