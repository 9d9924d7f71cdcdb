import type { ReactElement } from 'react';
import type { LiveVenueView } from '../../../src-shared/contract/trading';

/** One live book: its state, the venue's circuit breaker and user stream, foreign orders. */
export function LiveVenueLine({ venue }: { venue: LiveVenueView }): ReactElement {
  const breakerTone =
    venue.breaker.state === 'CLOSED'
      ? 'tone-good'
      : venue.breaker.state === 'OPEN'
        ? 'tone-bad'
        : 'tone-warn';
  return (
    <div className="live-venue small" data-testid={`live-venue-${venue.venue}`}>
      <span>
        {venue.bookId} · {venue.state}
        {venue.problem === null ? '' : ` (${venue.problem})`}
      </span>{' '}
      <span className={breakerTone} data-testid="breaker-state">
        breaker {venue.breaker.state}
        {venue.breaker.state === 'CLOSED' ? '' : ` (${venue.breaker.lastFailure ?? ''})`}
      </span>{' '}
      <span className="muted">
        {venue.stream === null ? 'REST polling' : `stream ${venue.stream.state}`}
      </span>
      {venue.foreignOrders.length > 0 && (
        <span className="tone-bad" data-testid="foreign-orders">
          {' '}
          · {venue.foreignOrders.length} order(s) Vigil did not place block entries
        </span>
      )}
    </div>
  );
}
