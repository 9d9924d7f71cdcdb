import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import { EntrySignalSchema, type EntrySignal } from '../../../src-shared/contract/journal';
import type { BookId } from '../../../src-shared/domain/order';
import type { JournalFill } from './trade-builder';

export interface TradeNote {
  readonly text: string;
  readonly tags: readonly string[];
  readonly updatedAt: number;
}

const TagsSchema = z.array(z.string());

interface FillRow {
  seq: number;
  fill_id: string;
  client_order_id: string;
  symbol: string;
  side: 'buy' | 'sell';
  qty: string;
  price: string;
  fee: string;
  fee_asset: string;
  fee_quote: string;
  at: number;
}

/** The journal's reads of the ledger and its own two tables (entry signals, notes). */
export class JournalStore {
  private readonly fillsStmt: Statement;
  private readonly opensLotStmt: Statement;
  private readonly signalStmt: Statement;
  private readonly signalsStmt: Statement;
  private readonly putSignalStmt: Statement;
  private readonly noteStmt: Statement;
  private readonly notesStmt: Statement;
  private readonly putNoteStmt: Statement;

  constructor(db: Database) {
    this.fillsStmt = db.prepare(
      `SELECT seq, fill_id, client_order_id, symbol, side, qty, price, fee, fee_asset, fee_quote, at
       FROM ledger_fills WHERE book_id = ? ORDER BY seq`,
    );
    this.opensLotStmt = db.prepare(
      'SELECT 1 FROM ledger_lots WHERE book_id = ? AND open_fill_id = ? LIMIT 1',
    );
    this.signalStmt = db.prepare(
      'SELECT signal FROM journal_entry_signals WHERE book_id = ? AND fill_id = ?',
    );
    this.signalsStmt = db.prepare(
      'SELECT fill_id, signal FROM journal_entry_signals WHERE book_id = ?',
    );
    this.putSignalStmt = db.prepare(
      `INSERT INTO journal_entry_signals (book_id, fill_id, signal, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(book_id, fill_id) DO UPDATE SET signal = excluded.signal, updated_at = excluded.updated_at`,
    );
    this.noteStmt = db.prepare(
      'SELECT text, tags, updated_at FROM journal_notes WHERE book_id = ? AND trade_id = ?',
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

  /** Every fill of the book in the ledger's order. */
  fills(bookId: BookId): JournalFill[] {
    return (this.fillsStmt.all(bookId) as FillRow[]).map((r) => ({
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

  entrySignal(bookId: BookId, fillId: string): EntrySignal | null {
    const row = this.signalStmt.get(bookId, fillId) as { signal: string } | undefined;
    return row === undefined ? null : parseSignal(row.signal, fillId);
  }

  entrySignals(bookId: BookId): Map<string, EntrySignal> {
    const rows = this.signalsStmt.all(bookId) as Array<{ fill_id: string; signal: string }>;
    return new Map(rows.map((r) => [r.fill_id, parseSignal(r.signal, r.fill_id)]));
  }

  putEntrySignal(bookId: BookId, fillId: string, signal: EntrySignal, at: number): void {
    this.putSignalStmt.run(bookId, fillId, JSON.stringify(signal), at);
  }

  note(bookId: BookId, tradeId: string): TradeNote | null {
    const row = this.noteStmt.get(bookId, tradeId) as
      { text: string; tags: string; updated_at: number } | undefined;
    return row === undefined ? null : toNote(row, tradeId);
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
