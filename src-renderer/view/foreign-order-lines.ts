import type { LiveVenueView } from '../../src-shared/contract/trading';

/** One line of the kill panel per live venue showing orders Vigil did not place. */
export interface ForeignOrderLine {
  readonly key: string;
  readonly text: string;
}

/** How many of a venue's foreign orders the line names; the rest are counted. */
const NAMED = 3;

/**
 * What the kill panel says, while HALTED, of orders at a live venue that Vigil did not place:
 * which ones, that the kill leaves them as they are, and what re-arm needs.
 */
export function foreignOrderLines(live: readonly LiveVenueView[]): ForeignOrderLine[] {
  return live
    .filter((v) => v.foreignOrders.length > 0)
    .map((v) => {
      const n = v.foreignOrders.length;
      const named = v.foreignOrders
        .slice(0, NAMED)
        .map((o) => `${o.clientOrderId} (${o.side} ${o.qty} ${o.symbol})`)
        .join(', ');
      const more = n > NAMED ? `, and ${n - NAMED} more` : '';
      const one = n === 1;
      return {
        key: v.bookId,
        text:
          `${v.venue} shows ${n} open order${one ? '' : 's'} Vigil did not place: ${named}${more}. ` +
          `The kill leaves orders placed outside Vigil as they are (one may protect a position): ` +
          `cancel ${one ? 'it' : 'them'} on the exchange if ${one ? 'it' : 'they'} should not work. ` +
          'Re-arm waits while the exchange shows any open order.',
      };
    });
}
