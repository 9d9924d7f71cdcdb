import type { Database } from 'better-sqlite3';
import { GENESIS_HASH, rowHash, type AuditRow } from './audit-log';

export type AuditVerdict =
  { intact: true; rows: number } | { intact: false; rows: number; badSeq: number; reason: string };

/**
 * Walks the chain in storage order and reports the first row that breaks it. Each row must
 * follow its predecessor (seq + 1), carry the predecessor's hash, and hash to its own stored
 * hash — which catches edited, deleted, inserted and reordered rows.
 */
export function verifyAuditChain(db: Database): AuditVerdict {
  const rows = db
    .prepare('SELECT seq, at, kind, actor, payload, prev_hash, hash FROM audit_log ORDER BY rowid')
    .iterate() as IterableIterator<AuditRow>;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const row of rows) {
    count += 1;
    if (row.seq !== expectedSeq) {
      const reason =
        row.seq > expectedSeq
          ? `sequence jumps from ${expectedSeq - 1} to ${row.seq}: rows deleted`
          : `sequence goes back from ${expectedSeq - 1} to ${row.seq}: rows reordered or inserted`;
      return { intact: false, rows: count, badSeq: row.seq, reason };
    }
    if (row.prev_hash !== prevHash) {
      return {
        intact: false,
        rows: count,
        badSeq: row.seq,
        reason: 'prev_hash does not match the previous row: a row was replaced or inserted',
      };
    }
    let recomputed: string;
    try {
      recomputed = rowHash(prevHash, row);
    } catch (error) {
      const reason = `payload is not valid JSON: ${(error as Error).message}`;
      return { intact: false, rows: count, badSeq: row.seq, reason };
    }
    if (recomputed !== row.hash) {
      return {
        intact: false,
        rows: count,
        badSeq: row.seq,
        reason: 'hash does not match the row contents: the row was edited',
      };
    }
    prevHash = row.hash;
    expectedSeq += 1;
  }
  const head = db.prepare("SELECT value FROM meta WHERE key = 'audit_head'").get() as
    { value: string } | undefined;
  if (head !== undefined && head.value !== `${count}:${prevHash}`) {
    const headSeq = Number(head.value.split(':')[0]);
    return {
      intact: false,
      rows: count,
      badSeq: count + 1,
      reason: `chain ends at row ${count} but the recorded head is row ${headSeq}: newest rows deleted or head altered`,
    };
  }
  return { intact: true, rows: count };
}
