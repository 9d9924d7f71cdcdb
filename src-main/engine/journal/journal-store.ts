import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import { EntrySignalSchema, type EntrySignal } from '../../../src-shared/contract/journal';
import type { BookId } from '../../../src-shared/domain/order';
import type { FillRow } from '../ledger/ledger-read-model';
import type { JournalFill } from './trade-builder';

export interface TradeNote {
  readonly text: string;
  readonly tags: readonly string[];
  readonly updatedAt: number;
}

const TagsSchema = z.array(z.string());

/** The columns of a ledger fill the journal reads, with its row number. */
type JournalFillRow = Omit<FillRow, 'book_id' | 'notional' | 'liquidity' | 'realized'> & {
  seq: number;
};

/** The journal's reads of the ledger and its own two tables (entry signals, notes). */
export class JournalStore {
  private readonly fillsStmt: Statement;
  private readonly opensLotStmt: Statement;
  private readonly signalsStmt: Statement;
  private readonly putSignalStmt: Statement;
  private readonly notesStmt: Statement;
  private readonly putNoteStmt: Statement;
  private readonly parsed = new Map<string, EntrySignal>();

  constructor(db: Database) {
    this.fillsStmt = db.prepare(
      `SELECT seq, fill_id, client_order_id, symbol, side, qty, price, fee, fee_asset, fee_quote, at
       FROM ledger_fills WHERE book_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    );
    this.opensLotStmt = db.prepare(
      'SELECT 1 FROM ledger_lots WHERE book_id = ? AND open_fill_id = ? LIMIT 1',
    );
    this.signalsStmt = db.prepare(
      'SELECT fill_id, signal FROM journal_entry_signals WHERE book_id = ?',
    );
    this.putSignalStmt = db.prepare(
      `INSERT INTO journal_entry_signals (book_id, fill_id, signal, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(book_id, fill_id) DO UPDATE SET signal = excluded.signal, updated_at = excluded.updated_at`,
    );
    this.notesStmt = db.prepare(
      'SELECT trade_id, text, tags, updated_at FROM journal_notes WHERE book_id = ?',
    );
    this.putNoteStmt = db.prepare(
      `INSERT INTO journal_notes (book_id, trade_id, text, tags, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(book_id, trade_id) DO UPDATE SET text = excluded.text, tags = excluded.tags,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    );
  }

  /**
   * The book's fills after ledger row `afterSeq` (all of them by default), in the ledger's
   * order; at most `limit` of them when given.
   */
  fills(bookId: BookId, afterSeq = 0, limit = -1): JournalFill[] {
    return (this.fillsStmt.all(bookId, afterSeq, limit) as JournalFillRow[]).map((r) => ({
      seq: r.seq,
      fillId: r.fill_id,
      clientOrderId: r.client_order_id,
      symbol: r.symbol,
      side: r.side,
      qty: r.qty,
      price: r.price,
      fee: r.fee,
      feeAsset: r.fee_asset,
      feeQuote: r.fee_quote,
      at: r.at,
    }));
  }

  /** Whether the fill opened a FIFO lot: it started or added to a position. */
  openedLot(bookId: BookId, fillId: string): boolean {
    return this.opensLotStmt.get(bookId, fillId) !== undefined;
  }

  /**
   * Every entry signal of the book by fill id, parsed on first use: a row is parsed once per
   * stored text, so a long journal is not re-validated on every look.
   */
  entrySignals(bookId: BookId): (fillId: string) => EntrySignal | null {
    const rows = this.signalsStmt.all(bookId) as Array<{ fill_id: string; signal: string }>;
    const texts = new Map(rows.map((r) => [r.fill_id, r.signal]));
    return (fillId) => {
      const text = texts.get(fillId);
      if (text === undefined) return null;
      let parsed = this.parsed.get(text);
      if (parsed === undefined) {
        parsed = parseSignal(text, fillId);
        this.parsed.set(text, parsed);
      }
      return parsed;
    };
  }

  putEntrySignal(bookId: BookId, fillId: string, signal: EntrySignal, at: number): void {
    this.putSignalStmt.run(bookId, fillId, JSON.stringify(signal), at);
  }

  notes(bookId: BookId): Map<string, TradeNote> {
    const rows = this.notesStmt.all(bookId) as Array<{
      trade_id: string;
      text: string;
      tags: string;
      updated_at: number;
    }>;
    return new Map(rows.map((r) => [r.trade_id, toNote(r, r.trade_id)]));
  }

  putNote(bookId: BookId, tradeId: string, note: TradeNote, by: string): void {
    this.putNoteStmt.run(bookId, tradeId, note.text, JSON.stringify(note.tags), note.updatedAt, by);
  }
}

/** A stored row that does not parse is an error naming it, never a trade without its data. */
function parseSignal(text: string, fillId: string): EntrySignal {
  try {
    return EntrySignalSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new Error(`journal: the entry signal stored for fill ${fillId} is unreadable`, {
      cause: error,
    });
  }
}

function toNote(
  row: { text: string; tags: string; updated_at: number },
  tradeId: string,
): TradeNote {
  try {
    return {
      text: row.text,
      tags: TagsSchema.parse(JSON.parse(row.tags)),
      updatedAt: row.updated_at,
    };
  } catch (error) {
    throw new Error(`journal: the tags stored for trade ${tradeId} are unreadable`, {
      cause: error,
    });
  }
}
