import { randomInt } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { BookId } from '../../../src-shared/domain/order';

/**
 * Client order ids: 'vg' + book letter (p paper, l live, s shadow) + a 4-character tag fixed per database + the intent's
 * row id in base 36, zero-padded to 8. Example: 'vgp3k9z0000002s'. 15 characters, letters and
 * digits only, so it is valid on every venue we target (Binance allows 36, OKX 32 alphanumeric,
 * Bybit 36). The per-database tag keeps ids unique even if the database is recreated while
 * old orders still exist on the venue.
 */
export const CLIENT_ORDER_ID_LENGTH = 15;
const CLIENT_ORDER_ID_RE = /^vg[pls][0-9a-z]{4}[0-9a-z]{8}$/;

export function clientIdTag(db: Database): string {
  const row = db.prepare("SELECT value FROM exec_meta WHERE key = 'client_id_tag'").get() as
    { value: string } | undefined;
  if (row !== undefined) return row.value;
  const tag = randomInt(0, 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  db.prepare("INSERT INTO exec_meta (key, value) VALUES ('client_id_tag', ?)").run(tag);
  return tag;
}

export function makeClientOrderId(bookId: BookId, tag: string, rowId: number): string {
  if (!Number.isSafeInteger(rowId) || rowId <= 0 || rowId >= 36 ** 8) {
    throw new Error(`client order id: row id out of range: ${rowId}`);
  }
  const letter = bookId === 'paper' ? 'p' : bookId === 'shadow' ? 's' : 'l';
  const id = `vg${letter}${tag}${rowId.toString(36).padStart(8, '0')}`;
  if (!CLIENT_ORDER_ID_RE.test(id)) throw new Error(`client order id: bad format '${id}'`);
  return id;
}

export function isClientOrderId(text: string): boolean {
  return CLIENT_ORDER_ID_RE.test(text);
}
