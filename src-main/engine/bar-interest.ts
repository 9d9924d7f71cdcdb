import type { EventEnvelope } from '../../src-shared/contract/events';
import type { ConnectionControls } from '../../src-shared/contract/handlers';
import { seriesId } from './market/market-feed';

/**
 * One connection's event filter: every event passes except bar closes of series the connection
 * did not ask for (once it has asked; until then it receives all of them).
 */
export class BarInterest implements ConnectionControls {
  private wanted: ReadonlySet<string> | null = null;

  setBarInterest(seriesIds: readonly string[]): void {
    this.wanted = new Set(seriesIds);
  }

  passes(event: EventEnvelope): boolean {
    return (
      event.kind !== 'barClosed' || this.wanted === null || this.wanted.has(seriesId(event.payload))
    );
  }
}
