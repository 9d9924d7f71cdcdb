import type { FeedState } from '../../../../src-shared/domain/market';
import type { RiskConfig } from '../../../../src-shared/domain/risk-config';
import { ErrorCascadeDetector } from './error-cascade';
import type { PanicAlarm } from './panic-types';
import { checkSlippage } from './slippage-blowout';
import { SpreadBlowoutDetector } from './spread-blowout';
import { StaleQuoteDetector } from './stale-quotes';

/**
 * Feeds market and venue observations to the panic detectors; the first alarm halts trading
 * through `halt` (the kill switch) with the detector's reason. Thresholds come from the live
 * risk configuration on every call, so a change applies at once.
 */
export class PanicMonitor {
  private readonly stale = new StaleQuoteDetector();
  private readonly spread = new SpreadBlowoutDetector();
  private readonly cascade = new ErrorCascadeDetector();

  constructor(
    private readonly config: () => RiskConfig,
    private readonly halt: (alarm: PanicAlarm) => void,
  ) {}

  quote(symbol: string, bid: number, ask: number, at: number): PanicAlarm | null {
    this.stale.quote(symbol, at);
    const p = this.config().panic;
    return this.raise(this.spread.observe(symbol, bid, ask, p.spreadMultiple, p.spreadWindow));
  }

  fill(fill: Parameters<typeof checkSlippage>[0]): PanicAlarm | null {
    const p = this.config().panic;
    return this.raise(checkSlippage(fill, p.slippageMultiple, p.slippageFloorBps));
  }

  venueError(venue: string, at: number): PanicAlarm | null {
    const p = this.config().panic;
    return this.raise(this.cascade.record(venue, at, p.errorCascadeCount, p.errorCascadeWindowSec));
  }

  /**
   * The market feed's own health: a feed that went STALE (no update within its threshold) or
   * DOWN while positions are open means every mark and stop decision rests on old prices. A
   * replay that ENDED is not one of them: it played its last bar, no price will ever come, and
   * killing would only cancel the stops of positions it can no longer move.
   */
  feedState(state: FeedState, reason: string, openPositions: number): PanicAlarm | null {
    if ((state !== 'STALE' && state !== 'DOWN') || openPositions === 0) return null;
    return this.raise({
      detector: 'stale-quotes',
      reason: `market feed ${state} (${reason}) with ${openPositions} open position(s)`,
      numbers: { openPositions },
    });
  }

  /** Call periodically (heartbeat) with the symbols currently held. */
  checkStale(heldSymbols: Iterable<string>, now: number): PanicAlarm | null {
    return this.raise(this.stale.check(heldSymbols, now, this.config().panic.staleQuoteMs));
  }

  private raise(alarm: PanicAlarm | null): PanicAlarm | null {
    if (alarm !== null) this.halt(alarm);
    return alarm;
  }
}
