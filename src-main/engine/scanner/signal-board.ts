import type {
  ScannerSignal,
  SignalKey,
  SignalRow,
  Tier,
} from '../../../src-shared/contract/scanner';
import type { BoardRows } from './board-rows';
import type { SeriesIdentity } from './packed-candles';
import { readRow, ROW_NUMBERS } from './packed-rows';
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
   * A slot per market, by its signalKey, in the order markets first appeared. A scanned row is
   * kept as its numbers in `values` (ROW_NUMBERS a slot), its reason and its market, so a bar
   * close that updates 1,800 markets copies numbers and makes no row object (see BoardRows);
   * a row given as an object (a warm-up's) is kept as it is, in `objects`.
   */
  private readonly slotOf = new Map<string, number>();
  private values = new Float64Array(0);
  private reasons: string[] = [];
  private identities: Array<SeriesIdentity | null> = [];
  private objects: Array<SignalRow | null> = [];
  private explainer: SignalExplainer | undefined;

  /**
   * Forgets every row: the markets behind them are no longer played (a source switch), or the
   * replay jumped (its warm-up fills the board again).
   */
  clear(): void {
    this.slotOf.clear();
    this.reasons = [];
    this.identities = [];
    this.objects = [];
  }

  /** Rows as objects (a warm-up's, a test's): each market's latest replaces its previous. */
  update(rows: readonly SignalRow[]): void {
    for (const row of rows) {
      const slot = this.slotFor(signalKey(row));
      this.objects[slot] = row;
      this.identities[slot] = null;
    }
  }

  /**
   * A scanned batch's rows, copied out of it: each row's key is the packer's string, made once
   * per series (a 4h close updates 1,800 rows; building and hashing 1,800 fresh key strings
   * cost more than the rest of the update).
   */
  updateFrom(rows: BoardRows): void {
    for (let i = 0; i < rows.length; i += 1) {
      const slot = this.slotFor(rows.key(i));
      this.reasons[slot] = rows.copyTo(i, this.values, slot * ROW_NUMBERS);
      this.identities[slot] = rows.identity(i);
      this.objects[slot] = null;
    }
  }

  /** The market's slot, a new one (with room for its numbers) the first time. */
  private slotFor(key: string): number {
    let slot = this.slotOf.get(key);
    if (slot === undefined) {
      slot = this.slotOf.size;
      this.slotOf.set(key, slot);
      if ((slot + 1) * ROW_NUMBERS > this.values.length) {
        const grown = new Float64Array(Math.max(64, 2 * (slot + 1)) * ROW_NUMBERS);
        grown.set(this.values);
        this.values = grown;
      }
    }
    return slot;
  }

  private rowAt(slot: number): SignalRow {
    const object = this.objects[slot];
    if (object != null) return object;
    return readRow(
      this.values,
      slot * ROW_NUMBERS,
      this.reasons[slot] as string,
      this.identities[slot] as SeriesIdentity,
    );
  }

  /** Best tier first; within a tier, higher probability first; then by symbol for stability. */
  list(): SignalRow[] {
    const rows = new Array<SignalRow>(this.slotOf.size);
    for (let slot = 0; slot < rows.length; slot += 1) rows[slot] = this.rowAt(slot);
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
