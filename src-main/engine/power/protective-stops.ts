import { divRound, scaledFromNumber } from '../../../src-shared/domain/decimal';
import type { OrderView, PositionView } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { ProtectiveStop } from '../execution/execution-service';
import { isFinalState } from '../execution/order-state';
import { PRICE_SCALE, priceOf, priceText, qtyOf, qtyText } from '../ledger/money';

/** The actor of stops placed by the sleep/wake guard; the gate treats them as protective. */
export const POWER_ACTOR = 'system:power';

export interface PlacedStop {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: string;
  readonly stopPrice: string;
  /** 'plan': the stop the bracket that opened the position recorded; 'mark': % from the mark. */
  readonly basis: 'plan' | 'mark';
  readonly clientOrderId: string;
  readonly state: string;
}

export interface StopsReport {
  /** Open positions looked at. */
  readonly positions: number;
  /** Positions whose whole quantity a resting reduce-only stop already covered. */
  readonly covered: number;
  readonly placed: readonly PlacedStop[];
  readonly failed: readonly { readonly symbol: string; readonly reason: string }[];
}

export interface ProtectiveStopsDeps {
  /** Open positions of the active book (signed quantities). */
  readonly positions: () => readonly PositionView[];
  /** Orders of the active book that are not final. */
  readonly openOrders: () => readonly OrderView[];
  /** The stop a filled bracket entry recorded for this symbol and direction, if any. */
  readonly plannedStop: (symbol: string, side: 'buy' | 'sell') => string | null;
  readonly mark: (symbol: string) => number | null;
  /** The market's price increment, e.g. '0.01'. */
  readonly tickSize: (symbol: string) => string | null;
  /**
   * Places a reduce-only stop-market for `qty` (through the executor and the gate). A resting
   * take-profit on that side joins it in one one-cancels-other pair: a spot venue locks the
   * asset of every resting sell, so a stop beside a lone take-profit would be refused.
   */
  readonly placeStop: (stop: ProtectiveStop) => Promise<OrderView>;
  readonly audit: AuditLog;
  readonly emergencyStopPct: () => number;
  /** Who places the stops, for the audit (the sleep/wake guard, or the trader). */
  readonly actor: string;
}

const RESTING_STOP_TYPES = new Set(['stop-market', 'stop-limit']);

/**
 * Makes sure every open position's protective stop rests at the venue: a position whose
 * quantity is not fully covered by reduce-only stops on the closing side gets a reduce-only
 * stop-market for the rest, at the plan's stop when one was recorded and still lies beyond
 * the mark, otherwise `emergencyStopPct` from the mark. Every placement and failure is
 * audited; nothing here throws for one position's failure.
 */
export async function ensureProtectiveStops(
  deps: ProtectiveStopsDeps,
  why: string,
): Promise<StopsReport> {
  const open = deps.openOrders().filter((o) => !isFinalState(o.state));
  const placed: PlacedStop[] = [];
  const failed: { symbol: string; reason: string }[] = [];
  let covered = 0;
  const positions = deps.positions().filter((p) => qtyOf(p.qty, 'position qty') !== 0n);
  for (const position of positions) {
    const qty = qtyOf(position.qty, 'position qty');
    const side = qty > 0n ? 'sell' : 'buy';
    const size = qty > 0n ? qty : -qty;
    const resting = open
      .filter(
        (o) =>
          o.symbol === position.symbol &&
          o.side === side &&
          o.reduceOnly &&
          RESTING_STOP_TYPES.has(o.type),
      )
      .reduce((sum, o) => sum + qtyOf(o.qty, 'stop qty') - qtyOf(o.filledQty, 'stop filled'), 0n);
    const missing = size - resting;
    if (missing <= 0n) {
      covered += 1;
      continue;
    }
    try {
      const { stopPrice, basis } = stopFor(deps, position.symbol, side);
      const order = await deps.placeStop({
        symbol: position.symbol,
        side,
        qty: qtyText(missing),
        stopPrice,
      });
      const stop: PlacedStop = {
        symbol: position.symbol,
        side,
        qty: qtyText(missing),
        stopPrice,
        basis,
        clientOrderId: order.clientOrderId,
        state: order.state,
      };
      if (order.state === 'REJECTED' || order.state === 'EXPIRED') {
        failed.push({ symbol: position.symbol, reason: order.reason ?? order.state });
        record(deps, 'power.stop_failed', { ...stop, why, reason: order.reason ?? order.state });
      } else {
        placed.push(stop);
        record(deps, 'power.stop_placed', { ...stop, why });
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      failed.push({ symbol: position.symbol, reason });
      record(deps, 'power.stop_failed', { symbol: position.symbol, side, why, reason });
    }
  }
  const report: StopsReport = { positions: positions.length, covered, placed, failed };
  record(deps, 'power.stops_checked', {
    why,
    positions: report.positions,
    covered,
    placed: placed.length,
    failed: failed.length,
  });
  return report;
}

function stopFor(
  deps: ProtectiveStopsDeps,
  symbol: string,
  side: 'buy' | 'sell',
): { stopPrice: string; basis: 'plan' | 'mark' } {
  const mark = deps.mark(symbol);
  if (mark === null || !Number.isFinite(mark) || mark <= 0)
    throw new Error(`no mark price for ${symbol}: cannot place a stop beyond it`);
  const markScaled = scaledFromNumber(mark, PRICE_SCALE, 'nearest', `${symbol} mark`);
  const planned = deps.plannedStop(symbol, side);
  if (planned !== null) {
    const plan = priceOf(planned, `${symbol} plan stop`);
    // A long's (sell) stop must be below the mark, a short's above; else it fires at once.
    if (side === 'sell' ? plan < markScaled : plan > markScaled)
      return { stopPrice: planned, basis: 'plan' };
  }
  const tick = deps.tickSize(symbol);
  if (tick === null) throw new Error(`no market rules for ${symbol}: unknown price increment`);
  const tickScaled = priceOf(tick, `${symbol} tick`);
  const pct = deps.emergencyStopPct();
  const distance = scaledFromNumber((mark * pct) / 100, PRICE_SCALE, 'nearest', 'stop distance');
  const raw = side === 'sell' ? markScaled - distance : markScaled + distance;
  // Rounded to the tick towards the mark (the tighter side), as a stop should err.
  const ticks = divRound(raw, tickScaled, side === 'sell' ? 'ceil' : 'floor', 'stop ticks');
  const stop = ticks * tickScaled;
  if (stop <= 0n) throw new Error(`${symbol}: a ${pct}% stop below ${mark} is not a price`);
  return { stopPrice: priceText(stop), basis: 'mark' };
}

function record(deps: ProtectiveStopsDeps, kind: string, payload: Record<string, unknown>): void {
  deps.audit.append({ kind, actor: deps.actor, payload });
}
