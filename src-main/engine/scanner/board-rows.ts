import type { SignalRow } from '../../../src-shared/contract/scanner';
import type { CandlePacker } from './packed-candles';
import { rowCount, rowSeries, unpackRow, type PackedRows } from './packed-rows';

/** Where a board row can be read back from, by its index in the batch that brought it. */
export interface RowSource {
  row(index: number): SignalRow;
}

/**
 * One scanned batch's board rows on the engine's side, read from the numbers the session
 * packed: a row object is made only when something reads that row (the board's list, a
 * listener that reads a boardUpdated payload), once. Windows get the worker's JSON bytes and
 * the board keeps this batch by reference, so a close that evaluates 600 or 1,800 series makes
 * no object per series on the main thread (which carries the kill switch): those objects were
 * most of what it allocated per close, and its young-generation pauses came with them.
 */
export class BoardRows implements RowSource {
  readonly length: number;
  /** Rows made so far, by index (made on the first read). */
  private made: Array<SignalRow | undefined> | null = null;

  constructor(
    private readonly packed: PackedRows,
    private readonly packer: Pick<CandlePacker, 'identity' | 'key'>,
  ) {
    this.length = rowCount(packed);
  }

  /** The boardUpdated payload of the rows as UTF-8 JSON, exactly JSON.stringify({ rows }). */
  get json(): Uint8Array {
    return this.packed.boardJson;
  }

  /** The i-th row's board key (signalKey): the packer's string, the same one every bar. */
  key(index: number): string {
    return this.packer.key(rowSeries(this.packed, index));
  }

  /** The i-th row, as signalRow makes it; the same object on every read. */
  row(index: number): SignalRow {
    if (!(index >= 0 && index < this.length))
      throw new RangeError(`board rows: no row ${index} in a batch of ${this.length}`);
    const made = (this.made ??= new Array<SignalRow | undefined>(this.length));
    return (made[index] ??= unpackRow(
      this.packed,
      index,
      this.packer.identity(rowSeries(this.packed, index)),
    ));
  }

  /** Every row, in the order the batch first evaluated each market. */
  get rows(): SignalRow[] {
    return Array.from({ length: this.length }, (_, i) => this.row(i));
  }

  /** The boardUpdated payload: its rows are made when a listener first reads them. */
  payload(): { readonly rows: SignalRow[] } {
    let rows: SignalRow[] | undefined;
    const all = (): SignalRow[] => this.rows;
    return {
      get rows(): SignalRow[] {
        return (rows ??= all());
      },
    };
  }
}
