import type { KillVenue } from './kill-venue';

export interface RearmCheck {
  /** Why re-arm must wait; null when every venue is clean. */
  readonly refusal: string | null;
  /** Open orders per venue, as each answered (audited with the re-arm). */
  readonly openOrders: Readonly<Record<string, number>>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What must hold before HALTED is left: every venue answers, none shows an open order, no order
 * is on its way to one, and no order's outcome is unknown. An order whose placement answer was
 * lost (a reduce-only close sent while HALTED, answered 503) may still be taken in by its venue
 * and rest or fill there, where the venue's "no open orders" cannot show it: re-arm waits until
 * it is found or recorded as never placed, and its words name the order. Sends and orders of
 * unknown outcome are read after the last venue answered (nothing is awaited after that), so
 * one lost meanwhile is among them.
 */
export async function rearmCheck(venues: readonly KillVenue[]): Promise<RearmCheck> {
  const openOrders: Record<string, number> = {};
  for (const venue of venues) {
    try {
      openOrders[venue.name] = (await venue.openOrders()).length;
    } catch (error) {
      return { refusal: `cannot verify ${venue.name}: ${message(error)}`, openOrders };
    }
  }
  const open = Object.entries(openOrders).filter(([, n]) => n > 0);
  if (open.length > 0) {
    const list = open.map(([v, n]) => `${v} ${n}`).join(', ');
    return { refusal: `venues still show open orders: ${list}`, openOrders };
  }
  const unknown: string[] = [];
  for (const venue of venues) {
    // An order on its way has no answer yet either: it may land after the venue's "none".
    const sending = venue.sendsInFlight?.() ?? 0;
    if (sending > 0) return { refusal: onTheirWayRefusal(venue.name, sending), openOrders };
    try {
      for (const o of venue.unknownOutcomeOrders?.() ?? [])
        unknown.push(`${venue.name} ${o.words}`);
    } catch (error) {
      return {
        refusal: `cannot read the orders of unknown outcome on ${venue.name}: ${message(error)}`,
        openOrders,
      };
    }
  }
  return { refusal: unknown.length === 0 ? null : unknownOutcomeRefusal(unknown), openOrders };
}

function onTheirWayRefusal(venue: string, sending: number): string {
  return sending === 1
    ? `an order is on its way to ${venue} (its placement answer is not in yet); re-arm once it is`
    : `${sending} orders are on their way to ${venue} (their placement answers are not in yet); re-arm once they are`;
}

function unknownOutcomeRefusal(orders: readonly string[]): string {
  const one = orders.length === 1;
  return (
    (one
      ? "an order's outcome is unknown (its placement answer was lost; the venue may still take it in): "
      : `${orders.length} orders' outcomes are unknown (their placement answers were lost; the venue may still take them in): `) +
    orders.join('; ') +
    (one
      ? '; re-arm once it is found or recorded as never placed'
      : '; re-arm once each is found or recorded as never placed')
  );
}
