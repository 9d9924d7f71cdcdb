import type { UnknownOrderOutcome } from '../../../src-shared/contract/risk';

/**
 * The kill's record of orders whose placement answer was lost, across its passes: each pass
 * chases them again (see KillVenue.chaseUnknownOutcomes) and its word on an order replaces the
 * earlier one, so the list says the latest fate of each.
 */
export function mergeOutcomes(
  previous: readonly UnknownOrderOutcome[],
  latest: readonly UnknownOrderOutcome[],
): UnknownOrderOutcome[] {
  const byOrder = new Map(previous.map((o) => [`${o.venue}\u0000${o.clientOrderId}`, o]));
  for (const o of latest) byOrder.set(`${o.venue}\u0000${o.clientOrderId}`, o);
  return [...byOrder.values()];
}

/** The client ids still unresolved on one venue: the next pass asks for them by id. */
export function unresolvedOn(outcomes: readonly UnknownOrderOutcome[], venue: string): string[] {
  return outcomes
    .filter((o) => o.venue === venue && o.outcome === 'unresolved')
    .map((o) => o.clientOrderId);
}

/** The outcomes still unresolved (the kill is not done while any is). */
export function unresolvedOf(outcomes: readonly UnknownOrderOutcome[]): UnknownOrderOutcome[] {
  return outcomes.filter((o) => o.outcome === 'unresolved');
}

/** One clause per order, for the kill's progress and completion messages; '' when none. */
export function outcomeWords(outcomes: readonly UnknownOrderOutcome[]): string {
  if (outcomes.length === 0) return '';
  const head =
    outcomes.length === 1
      ? '1 order whose placement answer was lost'
      : `${outcomes.length} orders whose placement answer was lost`;
  return `; ${head}: ${outcomes.map((o) => `${o.venue} ${o.detail}`).join('; ')}`;
}
