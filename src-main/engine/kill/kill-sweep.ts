import type { UnknownOrderOutcome } from '../../../src-shared/contract/risk';
import type { KillVenue, VenueOpenOrder } from './kill-venue';

export interface SweepReport {
  readonly venue: string;
  readonly cancelled: number;
  readonly cancelFailed: number;
  readonly closeSent: number;
  readonly closeFailed: number;
  /**
   * Orders that were on their way to the venue when it was asked again (a bracket's exits sent
   * as the kill began): its answer could not show them, so the pass is not clean; the sweep
   * waits for their answers, and the next pass cancels whatever landed.
   */
  readonly inFlight: number;
  /**
   * Orders whose placement answer was lost, chased by client id this pass (see KillVenue): the
   * pass is not clean while one is `unresolved` or the chase itself failed.
   */
  readonly unknownOutcomes: readonly UnknownOrderOutcome[];
  /** Orders whose placement answer was lost during this pass, after the chase looked. */
  readonly lostMeanwhile: number;
  /** What the venue shows after the sweep; null when it could not be asked. */
  readonly openOrders: number | null;
  readonly positions: number | null;
  readonly clean: boolean;
  readonly errors: readonly string[];
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The venue's chase of orders of unknown outcome (see KillVenue.chaseUnknownOutcomes). Never
 * throws: a failed chase is said in `errors` and makes the pass unclean.
 */
async function chaseOutcomes(
  venue: KillVenue,
  tracked: readonly string[],
  errors: string[],
): Promise<{ unknownOutcomes: readonly UnknownOrderOutcome[]; chaseFailed: boolean }> {
  try {
    return {
      unknownOutcomes: (await venue.chaseUnknownOutcomes?.(tracked)) ?? [],
      chaseFailed: false,
    };
  } catch (error) {
    errors.push(`chase orders of unknown outcome: ${message(error)}`);
    return { unknownOutcomes: [], chaseFailed: true };
  }
}

/**
 * One pass of the kill on one venue: cancel every open order concurrently, then (when
 * flattening) close every position with a reduce-only market order, then ask the venue again.
 * Cancelling comes first so a resting stop cannot fire into the flatten. The pass is clean only
 * when the venue shows nothing open, no order was still on its way to it, and no order whose
 * placement answer was lost is still unaccounted for. Never throws:
 * every failure is counted and reported, and the caller retries.
 */
export async function sweepVenue(
  venue: KillVenue,
  flatten: boolean,
  closeId: (symbol: string) => string,
  /** The kill's own closing orders: never cancelled, and not sent twice for a symbol. */
  isOwn: (orderId: string) => boolean,
  /** Orders of unknown outcome an earlier pass left unresolved on this venue. */
  tracked: readonly string[] = [],
): Promise<SweepReport> {
  const errors: string[] = [];
  // Alongside the cancels: an order of unknown outcome found resting is cancelled by its id;
  // one the venue takes in only after this pass is asked for again in the next. Started a
  // microtask later, so the trigger's synchronous part (the latch, then the listing request
  // leaving) does not also read the orders table.
  const chase = Promise.resolve().then(() => chaseOutcomes(venue, tracked, errors));
  let cancelled = 0;
  let cancelFailed = 0;
  // Symbols with one of our closing orders still working (a paper venue fills market orders on
  // the next bar): cancelling or repeating it would only delay the flatten.
  const closing = new Set<string>();
  try {
    const orders = await venue.openOrders();
    const own = (o: VenueOpenOrder): boolean => isOwn(o.killTag ?? o.id);
    for (const o of orders) if (own(o)) closing.add(o.symbol);
    // Markets with none of the kill's own orders are cancelled in one request each where the
    // venue can; the rest (and every market where that request fails) order by order.
    const theirs = orders.filter((o) => !own(o));
    const bySymbol = new Map<string, VenueOpenOrder[]>();
    for (const o of theirs) bySymbol.set(o.symbol, [...(bySymbol.get(o.symbol) ?? []), o]);
    const oneByOne: VenueOpenOrder[] = [];
    const cancelSymbol = venue.cancelSymbol?.bind(venue);
    if (cancelSymbol === undefined) oneByOne.push(...theirs);
    else {
      const symbols = [...bySymbol.entries()];
      const whole = await Promise.allSettled(
        symbols.map(([symbol]) =>
          closing.has(symbol) ? Promise.reject(new Error('own')) : cancelSymbol(symbol),
        ),
      );
      whole.forEach((r, i) => {
        const [symbol, list] = symbols[i] as [string, VenueOpenOrder[]];
        if (r.status === 'fulfilled') cancelled += list.length;
        else {
          if (!closing.has(symbol) && errors.length < 5)
            errors.push(`cancel ${symbol}: ${message(r.reason)}`);
          oneByOne.push(...list);
        }
      });
    }
    const results = await Promise.allSettled(oneByOne.map((o) => venue.cancelOrder(o)));
    for (const r of results) {
      if (r.status === 'fulfilled') cancelled += 1;
      else {
        cancelFailed += 1;
        if (errors.length < 5) errors.push(`cancel: ${message(r.reason)}`);
      }
    }
  } catch (error) {
    errors.push(`list open orders: ${message(error)}`);
  }
  // Before the flatten: an order the chase found filled is a position to close.
  const { unknownOutcomes, chaseFailed } = await chase;

  const closes = flatten ? await closePositions(venue, closing, closeId, errors) : NO_CLOSES;
  return finishPass(venue, flatten, { cancelled, cancelFailed, ...closes }, unknownOutcomes, {
    chaseFailed,
    errors,
    needsNoOpenOrders: true,
  });
}

/**
 * One pass of a kill reopened for orders the venue took in after they were recorded as never
 * placed (KillState.lateOrdersOnly): only the chase (which cancels such an order, or books its
 * fills) and, when flattening, the positions; every other order at the venue is left as it is
 * (the trader's own, placed on the exchange after the kill, may be what protects a position).
 * Clean when every chased order is accounted for (and flat, when flattening).
 */
export async function chaseVenue(
  venue: KillVenue,
  flatten: boolean,
  closeId: (symbol: string) => string,
  isOwn: (orderId: string) => boolean,
  tracked: readonly string[] = [],
): Promise<SweepReport> {
  const errors: string[] = [];
  const { unknownOutcomes, chaseFailed } = await chaseOutcomes(venue, tracked, errors);
  let closes = NO_CLOSES;
  if (flatten) {
    const closing = new Set<string>();
    try {
      for (const o of await venue.openOrders()) if (isOwn(o.killTag ?? o.id)) closing.add(o.symbol);
      closes = await closePositions(venue, closing, closeId, errors);
    } catch (error) {
      errors.push(`list open orders: ${message(error)}`);
    }
  }
  return finishPass(venue, flatten, { cancelled: 0, cancelFailed: 0, ...closes }, unknownOutcomes, {
    chaseFailed,
    errors,
    needsNoOpenOrders: false,
  });
}

interface Closes {
  readonly closeSent: number;
  readonly closeFailed: number;
}
const NO_CLOSES: Closes = { closeSent: 0, closeFailed: 0 };

/** Every position not already being closed by one of the kill's own orders, closed. */
async function closePositions(
  venue: KillVenue,
  closing: ReadonlySet<string>,
  closeId: (symbol: string) => string,
  errors: string[],
): Promise<Closes> {
  let closeSent = 0;
  let closeFailed = 0;
  try {
    const held = (await venue.positions()).filter((p) => p.qty !== 0 && !closing.has(p.symbol));
    const results = await Promise.allSettled(
      held.map((p) => venue.closePosition(p, closeId(p.symbol))),
    );
    for (const r of results) {
      if (r.status === 'fulfilled') closeSent += 1;
      else {
        closeFailed += 1;
        if (errors.length < 10) errors.push(`close: ${message(r.reason)}`);
      }
    }
  } catch (error) {
    errors.push(`list positions: ${message(error)}`);
  }
  return { closeSent, closeFailed };
}

/**
 * The end of a pass: what the venue shows now, the sends it waits for, the orders that lost
 * their answer meanwhile, and whether the pass is clean (`needsNoOpenOrders`: a sweep is clean
 * only when the venue shows no open order at all).
 */
async function finishPass(
  venue: KillVenue,
  flatten: boolean,
  counts: Closes & { readonly cancelled: number; readonly cancelFailed: number },
  unknownOutcomes: readonly UnknownOrderOutcome[],
  pass: {
    readonly chaseFailed: boolean;
    readonly errors: string[];
    readonly needsNoOpenOrders: boolean;
  },
): Promise<SweepReport> {
  const { chaseFailed, errors, needsNoOpenOrders } = pass;
  // Counted before the venue is asked: an order landing during the question is missed by it.
  const inFlight = venue.sendsInFlight?.() ?? 0;
  let openOrders: number | null = null;
  let positions: number | null = null;
  try {
    const [orders, held] = await Promise.all([venue.openOrders(), venue.positions()]);
    openOrders = orders.length;
    positions = held.filter((p) => p.qty !== 0).length;
  } catch (error) {
    errors.push(`reconcile: ${message(error)}`);
  }
  // Each order on its way ends in an answer (acknowledged, refused, or unclear at its timeout):
  // waited for here, so the next pass finds and cancels what landed instead of spinning.
  if (inFlight > 0) await venue.sendsSettled?.();
  // A send whose answer was lost (a 5xx, a timeout) after the chase looked, which skips orders
  // still being sent: the venue cannot list it, the chase did not ask for it. The next pass does.
  const chased = new Set(unknownOutcomes.map((o) => o.clientOrderId));
  let lostMeanwhile = 0;
  let lostUnknown = false;
  try {
    lostMeanwhile = (venue.unknownOutcomeOrders?.() ?? []).filter(
      (o) => !chased.has(o.clientOrderId),
    ).length;
  } catch (error) {
    // Never thrown from a pass (the engine may be stopping): said, and the pass is not clean.
    lostUnknown = true;
    errors.push(`list orders of unknown outcome: ${message(error)}`);
  }
  const unresolved =
    chaseFailed ||
    lostUnknown ||
    lostMeanwhile > 0 ||
    unknownOutcomes.some((o) => o.outcome === 'unresolved');
  const clean =
    (needsNoOpenOrders ? openOrders === 0 : openOrders !== null) &&
    inFlight === 0 &&
    !unresolved &&
    (!flatten || positions === 0);
  return {
    venue: venue.name,
    unknownOutcomes,
    lostMeanwhile,
    ...counts,
    inFlight,
    openOrders,
    positions,
    clean,
    errors,
  };
}
