import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { Clock } from '../clock';
import type { AuditAnchor } from './audit-anchor';
import { canonicalJson } from './canonical-json';

/** The hash that precedes the first row. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  /** What happened, e.g. 'engine.started', 'kill.latched'. */
  readonly kind: string;
  /** Who caused it: 'system', 'user:ui', 'user:cli', 'risk:daily-loss' ... */
  readonly actor: string;
  readonly payload: Record<string, unknown>;
}

export interface AuditRow {
  readonly seq: number;
  readonly at: number;
  readonly kind: string;
  readonly actor: string;
  readonly payload: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The bytes a row's hash covers: the previous hash, then the canonical JSON of the event. */
export function rowHash(prevHash: string, row: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  const event = canonicalJson({
    seq: row.seq,
    at: row.at,
    kind: row.kind,
    actor: row.actor,
    payload: JSON.parse(row.payload) as unknown,
  });
  return createHash('sha256').update(prevHash).update(event).digest('hex');
}

/**
 * rowHash for a row whose payload is already canonical JSON text: the event's canonical JSON
 * is the same fields in sorted key order (actor, at, kind, payload, seq) around that text, so
 * appending does not parse and re-encode every payload. verify-audit recomputes with rowHash.
 */
function canonicalRowHash(prevHash: string, row: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  const event = `{"actor":${canonicalJson(row.actor)},"at":${canonicalJson(row.at)},"kind":${canonicalJson(row.kind)},"payload":${row.payload},"seq":${canonicalJson(row.seq)}}`;
  return createHash('sha256').update(prevHash).update(event).digest('hex');
}

/**
 * Appends to the hash chain. Synchronous (one prepared INSERT, no await) so the kill path can
 * audit without yielding; the head is cached so an append costs one hash and one insert.
 */
export class AuditLog {
  private readonly insert: Statement;
  private readonly saveHead: Statement;
  private readonly appendRows: (rows: readonly AuditRow[]) => void;
  private head: { seq: number; hash: string };

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(
      'INSERT INTO audit_log (seq, at, kind, actor, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    // The head is kept beside the chain so that deleting the newest rows is detectable too.
    this.saveHead = db.prepare(
      "INSERT INTO meta (key, value) VALUES ('audit_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    );
    this.appendRows = db.transaction((rows: readonly AuditRow[]) => {
      for (const row of rows)
        this.insert.run(row.seq, row.at, row.kind, row.actor, row.payload, row.prev_hash, row.hash);
      const last = rows.at(-1);
      if (last !== undefined) this.saveHead.run(`${last.seq}:${last.hash}`);
    });
    const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
    this.head = last ?? { seq: 0, hash: GENESIS_HASH };
  }

  append(event: AuditEvent): AuditRow {
    return this.appendAll([event])[0] as AuditRow;
  }

  /**
   * Appends several events in order, in one transaction: all of them or none. For bursts
   * such as a bar close that publishes many signals, where a transaction per row would
   * dominate the cost.
   */
  appendAll(events: readonly AuditEvent[]): AuditRow[] {
    const at = this.clock.now();
    let head = this.head;
    const rows = events.map((event): AuditRow => {
      const base = {
        seq: head.seq + 1,
        at,
        kind: event.kind,
        actor: event.actor,
        payload: canonicalJson(event.payload),
      };
      const row: AuditRow = {
        ...base,
        prev_hash: head.hash,
        hash: canonicalRowHash(head.hash, base),
      };
      head = { seq: row.seq, hash: row.hash };
      return row;
    });
    this.appendRows(rows);
    this.head = head;
    return rows;
  }

  get length(): number {
    return this.head.seq;
  }

  /** The newest row's number and hash: what an anchor outside the database records. */
  get anchor(): AuditAnchor {
    return { seq: this.head.seq, hash: this.head.hash };
  }
}
