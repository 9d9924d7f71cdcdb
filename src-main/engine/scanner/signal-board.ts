import type { ScannerSignal, Tier } from '../../../src-shared/contract/scanner';

const TIER_RANK: Readonly<Record<Tier, number>> = { PRIME: 0, WATCH: 1, IGNORE: 2, FAILED: 3 };

/** The latest signal of every scanned market, as the trader's board shows it. */
export class SignalBoard {
  private readonly latest = new Map<string, ScannerSignal>();

  /** Forgets every signal: the markets behind them are no longer played (a source switch). */
  clear(): void {
    this.latest.clear();
  }

  update(signal: ScannerSignal): void {
    this.latest.set(`${signal.exchange}|${signal.symbol}`, signal);
  }

  /** Best tier first; within a tier, higher probability first; then by symbol for stability. */
  list(): ScannerSignal[] {
    return [...this.latest.values()].sort(
      (a, b) =>
        TIER_RANK[a.tier] - TIER_RANK[b.tier] ||
        (b.probability ?? -1) - (a.probability ?? -1) ||
        a.symbol.localeCompare(b.symbol) ||
        a.exchange.localeCompare(b.exchange),
    );
  }
}
