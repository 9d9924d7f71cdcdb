import type { SignalRow } from '../../../src-shared/contract/scanner';
import type { CandlePacker, SeriesIdentity } from './packed-candles';
import { copyRow, rowCount, rowSeries, unpackRow, type PackedRows } from './packed-rows';

/**
 * One scanned batch's board rows on the engine's side, read from the numbers the session
 * packed: a row object is made only when something reads that row (a listener that reads a
 * boardUpdated payload), once. Windows get the worker's JSON bytes and the board copies each
 * row's numbers into its own columns (copyTo), so a close that evaluates 600 or 1,800 series
 * makes no object per series on the main thread (which carries the kill switch): those objects
 * were most of what it allocated per close. Nothing keeps a batch after its close: kept, its
 * transferred buffers (about 270 KB a 15m close) reached the old generation and brought
 * full collections with them.
 */
export class BoardRows {
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

  /** The market of the i-th row. */
  identity(index: number): SeriesIdentity {
    return this.packer.identity(rowSeries(this.packed, index));
  }

  /** Copies the i-th row's numbers into `into` at `offset` (see copyRow); returns its reason. */
  copyTo(index: number, into: Float64Array, offset: number): string {
    return copyRow(this.packed, index, into, offset);
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
    return new LazyRowsPayload(this);
  }
}

/**
 * A boardUpdated payload whose rows are made on first read. The getter is the class's, not
 * one made per payload in an object literal: a literal's own getter (a closure and a shape
 * per close) made the main thread promote more than twice as much per scavenge, and full
 * collections followed. toJSON keeps JSON.stringify of it the payload's own JSON.
 */
class LazyRowsPayload {
  private made: SignalRow[] | undefined;

  constructor(private readonly source: BoardRows) {}

  get rows(): SignalRow[] {
    return (this.made ??= this.source.rows);
  }

  toJSON(): { rows: SignalRow[] } {
    return { rows: this.rows };
  }
}
