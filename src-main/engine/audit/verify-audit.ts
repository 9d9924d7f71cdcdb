import type { Database } from 'better-sqlite3';
import type { AuditAnchor } from './audit-anchor';
import { GENESIS_HASH, rowHash, type AuditRow } from './audit-log';

/** An anchor to check the chain against, with where it came from ("audit-anchor.json"). */
export interface AnchorCheck extends AuditAnchor {
  readonly source: string;
}

export type AuditVerdict =
  | { intact: true; rows: number; anchors: ReadonlyArray<{ seq: number; source: string }> }
  | { intact: false; rows: number; badSeq: number; reason: string };

/**
 * Walks the chain in storage order and reports the first row that breaks it. Each row must
 * follow its predecessor (seq + 1), carry the predecessor's hash, and hash to its own stored
 * hash — which catches edited, deleted, inserted and reordered rows. The chain must end at the
 * recorded head (meta audit_head; a missing head is a failure, since deleting the newest rows
 * and the head together would otherwise go unseen), and pass through every anchor given.
 */
export function verifyAuditChain(db: Database, anchors: readonly AnchorCheck[] = []): AuditVerdict {
  const rows = db
    .prepare('SELECT seq, at, kind, actor, payload, prev_hash, hash FROM audit_log ORDER BY rowid')
    .iterate() as IterableIterator<AuditRow>;
  const anchored = new Map<number, AnchorCheck[]>();
  for (const a of anchors) anchored.set(a.seq, [...(anchored.get(a.seq) ?? []), a]);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const row of rows) {
    count += 1;
    const broken = checkRow(row, expectedSeq, prevHash);
    if (broken !== null) return { intact: false, rows: count, badSeq: row.seq, reason: broken };
    const mismatch = anchored.get(row.seq)?.find((a) => a.hash !== row.hash);
    if (mismatch !== undefined)
      return {
        intact: false,
        rows: count,
        badSeq: row.seq,
        reason: `row ${row.seq} differs from the anchor in ${mismatch.source}: the chain was rewritten up to there`,
      };
    prevHash = row.hash;
    expectedSeq += 1;
  }
  const beyond = anchors.find((a) => a.seq > count);
  if (beyond !== undefined)
    return {
      intact: false,
      rows: count,
      badSeq: count + 1,
      reason: `the chain ends at row ${count} but the anchor in ${beyond.source} records row ${beyond.seq}: rows deleted`,
    };
  const head = db.prepare("SELECT value FROM meta WHERE key = 'audit_head'").get() as
    { value: string } | undefined;
  if (head === undefined && count > 0)
    return {
      intact: false,
      rows: count,
      badSeq: count,
      reason: `the recorded head (meta audit_head) is missing: the newest rows may have been deleted with it`,
    };
  if (head !== undefined && head.value !== `${count}:${prevHash}`) {
    const headSeq = Number(head.value.split(':')[0]);
    return {
      intact: false,
      rows: count,
      badSeq: count + 1,
      reason: `chain ends at row ${count} but the recorded head is row ${headSeq}: newest rows deleted or head altered`,
    };
  }
  return {
    intact: true,
    rows: count,
    anchors: anchors.map((a) => ({ seq: a.seq, source: a.source })),
  };
}

/** Why a row breaks the chain, or null when it follows its predecessor properly. */
function checkRow(row: AuditRow, expectedSeq: number, prevHash: string): string | null {
  if (row.seq !== expectedSeq)
    return row.seq > expectedSeq
      ? `sequence jumps from ${expectedSeq - 1} to ${row.seq}: rows deleted`
      : `sequence goes back from ${expectedSeq - 1} to ${row.seq}: rows reordered or inserted`;
  if (row.prev_hash !== prevHash)
    return 'prev_hash does not match the previous row: a row was replaced or inserted';
  let recomputed: string;
  try {
    recomputed = rowHash(prevHash, row);
  } catch (error) {
    return `payload is not valid JSON: ${(error as Error).message}`;
  }
  return recomputed === row.hash
    ? null
    : 'hash does not match the row contents: the row was edited';
}
