import type { EventEnvelope } from '../../src-shared/contract/events';
import type { ConnectionControls } from '../../src-shared/contract/handlers';
import { seriesId } from './market/market-feed';

/**
 * One connection's event filter. Every event passes except the two high-volume ones, which a
 * connection receives only as it asked: bar closes of the series it watches (once it has
 * asked; until then all of them), and full published signals (`signalPublished`, a factor
 * table each) only after `watchSignals`. The board rows, tier changes and everything else
 * always pass.
 */
export class ConnectionInterest implements ConnectionControls {
  private wantedBars: ReadonlySet<string> | null = null;
  private fullSignals = false;

  setBarInterest(seriesIds: readonly string[]): void {
    this.wantedBars = new Set(seriesIds);
  }

  setSignalInterest(full: boolean): void {
    this.fullSignals = full;
  }

  passes(event: EventEnvelope): boolean {
    if (event.kind === 'signalPublished') return this.fullSignals;
    return (
      event.kind !== 'barClosed' ||
      this.wantedBars === null ||
      this.wantedBars.has(seriesId(event.payload))
    );
  }
}
