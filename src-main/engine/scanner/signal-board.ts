import type {
  ScannerSignal,
  SignalKey,
  SignalRow,
  Tier,
} from '../../../src-shared/contract/scanner';
import type { BoardRows, RowSource } from './board-rows';
import { signalKey } from './signal-row';

const TIER_RANK: Readonly<Record<Tier, number>> = { PRIME: 0, WATCH: 1, IGNORE: 2, FAILED: 3 };

/** Where full signals come from: the running scanner, which keeps each market's latest. */
export type SignalExplainer = (key: SignalKey) => Promise<ScannerSignal | null>;

/**
 * The latest row of every scanned market, as the trader's board shows it, and the way to the
 * full signal behind a row (explain), which stays with the scanner until someone asks.
 */
export class SignalBoard {
  /**
   * Each market's latest row, kept where it came from: the batch that brought it (by
   * reference, read back by index) and its index there, so a bar close that updates 1,800
   * markets writes two numbers per market and makes no row object (see BoardRows). A slot per
   * market, by its signalKey, in the order markets first appeared.
   */
  private readonly slotOf = new Map<string, number>();
  private sources: RowSource[] = [];
  private indexes: number[] = [];
  private explainer: SignalExplainer | undefined;

  /**
   * Forgets every row: the markets behind them are no longer played (a source switch), or the
   * replay jumped (its warm-up fills the board again).
   */
  clear(): void {
    this.slotOf.clear();
    this.sources = [];
    this.indexes = [];
  }

  /** Rows as objects (a warm-up's, a test's): each market's latest replaces its previous. */
  update(rows: readonly SignalRow[]): void {
    const source: RowSource = { row: (i) => rows[i] as SignalRow };
    for (let i = 0; i < rows.length; i += 1) this.put(signalKey(rows[i] as SignalRow), source, i);
  }

  /**
   * A scanned batch's rows, kept packed: each row's key is the packer's string, made once per
   * series (a 4h close updates 1,800 rows; building and hashing 1,800 fresh key strings cost
   * more than the rest of the update).
   */
  updateFrom(rows: BoardRows): void {
    for (let i = 0; i < rows.length; i += 1) this.put(rows.key(i), rows, i);
  }

  private put(key: string, source: RowSource, index: number): void {
    let slot = this.slotOf.get(key);
    if (slot === undefined) {
      slot = this.sources.length;
      this.slotOf.set(key, slot);
    }
    this.sources[slot] = source;
    this.indexes[slot] = index;
  }

  /** Best tier first; within a tier, higher probability first; then by symbol for stability. */
  list(): SignalRow[] {
    const rows = new Array<SignalRow>(this.sources.length);
    for (let slot = 0; slot < rows.length; slot += 1)
      rows[slot] = (this.sources[slot] as RowSource).row(this.indexes[slot] as number);
    return rows.sort(
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
