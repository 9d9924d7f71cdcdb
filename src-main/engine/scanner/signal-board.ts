import type {
  ScannerSignal,
  SignalKey,
  SignalRow,
  Tier,
} from '../../../src-shared/contract/scanner';
import { signalKey } from './signal-row';

const TIER_RANK: Readonly<Record<Tier, number>> = { PRIME: 0, WATCH: 1, IGNORE: 2, FAILED: 3 };

/** Where full signals come from: the running scanner, which keeps each market's latest. */
export type SignalExplainer = (key: SignalKey) => Promise<ScannerSignal | null>;

/**
 * The latest row of every scanned market, as the trader's board shows it, and the way to the
 * full signal behind a row (explain), which stays with the scanner until someone asks.
 */
export class SignalBoard {
  private readonly latest = new Map<string, SignalRow>();
  private explainer: SignalExplainer | undefined;

  /**
   * Forgets every row: the markets behind them are no longer played (a source switch), or the
   * replay jumped (its warm-up fills the board again).
   */
  clear(): void {
    this.latest.clear();
  }

  /**
   * `keys`, when the caller has them, are the rows' signalKeys in order: made once per series
   * (a 4h close updates 1,800 rows; building and hashing 1,800 fresh key strings cost more
   * than the rest of the update).
   */
  update(rows: readonly SignalRow[], keys?: readonly string[]): void {
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i] as SignalRow;
      this.latest.set(keys?.[i] ?? signalKey(row), row);
    }
  }

  /** Best tier first; within a tier, higher probability first; then by symbol for stability. */
  list(): SignalRow[] {
    return [...this.latest.values()].sort(
      (a, b) =>
        TIER_RANK[a.tier] - TIER_RANK[b.tier] ||
        (b.probability ?? -1) - (a.probability ?? -1) ||
        a.symbol.localeCompare(b.symbol) ||
        a.exchange.localeCompare(b.exchange) ||
        a.timeframe.localeCompare(b.timeframe),
    );
  }

  /** Set by the scanner when it starts (and cleared when it stops). */
  explainFrom(explainer: SignalExplainer | undefined): void {
    this.explainer = explainer;
  }

  /** The full latest signal of one market; refused, naming the market, when there is none. */
  async explain(key: SignalKey): Promise<ScannerSignal> {
    const market = `${key.exchange} ${key.symbol} ${key.timeframe}`;
    if (this.explainer === undefined)
      throw new Error(`no signal for ${market}: the scanner is not running`);
    const signal = await this.explainer(key);
    if (signal === null)
      throw new Error(`no signal for ${market}: the scanner has not evaluated that market yet`);
    return signal;
  }
}
