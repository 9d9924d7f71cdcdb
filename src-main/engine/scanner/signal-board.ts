import { TIMEFRAME_MS } from '../../../src-shared/domain/candle';
import type { ScannerSignal, Tier } from '../../../src-shared/contract/scanner';

const TIER_RANK: Readonly<Record<Tier, number>> = { PRIME: 0, WATCH: 1, IGNORE: 2, FAILED: 3 };

/** The latest signal of every scanned market and timeframe, as the trader's board shows it. */
export class SignalBoard {
  private readonly latest = new Map<string, ScannerSignal>();

  update(signal: ScannerSignal): void {
    this.latest.set(`${signal.exchange}|${signal.symbol}|${signal.timeframe}`, signal);
  }

  clear(): void {
    this.latest.clear();
  }

  /** Best tier first; within a tier, higher probability first; then by symbol for stability. */
  list(): ScannerSignal[] {
    return [...this.latest.values()].sort(
      (a, b) =>
        TIER_RANK[a.tier] - TIER_RANK[b.tier] ||
        (b.probability ?? -1) - (a.probability ?? -1) ||
        a.symbol.localeCompare(b.symbol) ||
        a.exchange.localeCompare(b.exchange) ||
        TIMEFRAME_MS[a.timeframe] - TIMEFRAME_MS[b.timeframe],
    );
  }
}
