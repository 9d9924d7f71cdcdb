import type { UnknownOrderOutcome } from '../../src-shared/contract/risk';

/** One line of the kill panel per order whose placement answer was lost, with its tone. */
export interface UnknownOutcomeLine {
  readonly key: string;
  readonly text: string;
  /** Cancelled is what the kill wants (muted); anything else the trader should look at. */
  readonly tone: 'muted' | 'tone-warn';
}

/**
 * What the kill panel says about the orders the kill chased by client id because their
 * placement answer was lost: the kill's own words for each, after the venue's name.
 */
export function unknownOutcomeLines(
  outcomes: readonly UnknownOrderOutcome[],
): UnknownOutcomeLine[] {
  return outcomes.map((o) => ({
    key: `${o.venue} ${o.clientOrderId}`,
    text: `Order whose placement answer was lost, on ${o.venue}: ${o.detail}`,
    tone: o.outcome === 'cancelled' ? 'muted' : 'tone-warn',
  }));
}
