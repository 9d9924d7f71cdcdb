import { describe, expect, it } from 'vitest';
import { AuditLog, rowHash } from '../../../../src-main/engine/audit/audit-log';
import { canonicalJson } from '../../../../src-main/engine/audit/canonical-json';
import { verifyAuditChain } from '../../../../src-main/engine/audit/verify-audit';
import type { Store } from '../../../../src-main/engine/store/open-store';
import { openVigilStore } from '../../../../src-main/engine/schema';
import { ManualClock } from '../../../support/manual-clock';

function chainOf(n: number): { store: Store; log: AuditLog } {
  const store = openVigilStore(':memory:');
  const log = new AuditLog(store.db, new ManualClock(1_700_000_000_000));
  for (let i = 1; i <= n; i += 1) {
    log.append({ kind: 'test.event', actor: 'test', payload: { i, note: `row ${i}` } });
  }
  return { store, log };
}

/** Tampering is done with plain SQL, the way an attacker (or a bad tool) would. */
function tamper(store: Store, sql: string): void {
  store.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  store.db.exec(sql);
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and omits whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: 'x' }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":"x","z":0}]},"b":1}',
    );
  });

  it('refuses values that would not round-trip, naming where', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('$.a[1]: non-finite number NaN');
    expect(() => canonicalJson({ a: undefined })).toThrow('$.a: cannot encode a undefined');
    expect(() => canonicalJson({ d: new Date(0) })).toThrow('$.d: only plain objects');
  });
});

describe('audit chain', () => {
  it('links every row to the previous hash and verifies intact', () => {
    const { store, log } = chainOf(5);
    expect(log.length).toBe(5);
    const rows = store.db
      .prepare('SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq')
      .all() as Array<{
      seq: number;
      prev_hash: string;
      hash: string;
    }>;
    rows.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(rows[i]?.hash));
    expect(verifyAuditChain(store.db)).toEqual({ intact: true, rows: 5, anchors: [] });
  });

  it('refuses UPDATE and DELETE through the application connection', () => {
    const { store } = chainOf(2);
    expect(() => store.db.exec("UPDATE audit_log SET kind = 'x' WHERE seq = 1")).toThrow(
      'append-only',
    );
    expect(() => store.db.exec('DELETE FROM audit_log WHERE seq = 1')).toThrow('append-only');
  });

  it('finds an edited row', () => {
    const { store } = chainOf(5);
    tamper(store, `UPDATE audit_log SET payload = '{"i":3,"note":"row 3 (edited)"}' WHERE seq = 3`);
    expect(verifyAuditChain(store.db)).toMatchObject({
      intact: false,
      badSeq: 3,
      reason: expect.stringContaining('edited'),
    });
  });

  it('finds a deleted row in the middle', () => {
    const { store } = chainOf(5);
    tamper(store, 'DELETE FROM audit_log WHERE seq = 2');
    expect(verifyAuditChain(store.db)).toMatchObject({
      intact: false,
      badSeq: 3,
      reason: expect.stringContaining('deleted'),
    });
  });

  it('finds the newest rows deleted', () => {
    const { store } = chainOf(5);
    tamper(store, 'DELETE FROM audit_log WHERE seq >= 4');
    expect(verifyAuditChain(store.db)).toMatchObject({ intact: false, badSeq: 4 });
  });

  it('finds the newest rows deleted together with the recorded head', () => {
    const { store } = chainOf(15);
    tamper(
      store,
      "DELETE FROM audit_log WHERE seq > 5; DELETE FROM meta WHERE key = 'audit_head';",
    );
    expect(verifyAuditChain(store.db)).toMatchObject({
      intact: false,
      reason: expect.stringContaining('(meta audit_head) is missing'),
    });
  });

  it('checks anchors: a row that differs, or a chain shorter than the anchor', () => {
    const { store, log } = chainOf(4);
    const anchor = { ...log.anchor, source: 'test' };
    expect(verifyAuditChain(store.db, [anchor])).toEqual({
      intact: true,
      rows: 4,
      anchors: [{ seq: 4, source: 'test' }],
    });
    expect(verifyAuditChain(store.db, [{ ...anchor, hash: 'f'.repeat(64) }])).toMatchObject({
      intact: false,
      badSeq: 4,
      reason: expect.stringContaining('differs from the anchor in test'),
    });
    expect(verifyAuditChain(store.db, [{ ...anchor, seq: 9 }])).toMatchObject({
      intact: false,
      reason: expect.stringContaining('records row 9: rows deleted'),
    });
  });

  it('finds reordered rows', () => {
    const { store } = chainOf(5);
    // Swap rows 2 and 4 completely (all columns), keeping the seq numbers in place.
    tamper(
      store,
      `UPDATE audit_log SET seq = -2 WHERE seq = 2;
       UPDATE audit_log SET seq = 2 WHERE seq = 4;
       UPDATE audit_log SET seq = 4 WHERE seq = -2;`,
    );
    const verdict = verifyAuditChain(store.db);
    expect(verdict).toMatchObject({ intact: false, badSeq: 2 });
  });

  it('finds an inserted row', () => {
    const { store } = chainOf(3);
    tamper(
      store,
      `UPDATE audit_log SET seq = seq + 10 WHERE seq >= 2;
       INSERT INTO audit_log (seq, at, kind, actor, payload, prev_hash, hash)
         SELECT 2, at, 'forged', actor, '{}', hash, hash FROM audit_log WHERE seq = 1;`,
    );
    expect(verifyAuditChain(store.db)).toMatchObject({ intact: false, badSeq: 2 });
  });

  it('resumes the chain after reopening the database', () => {
    const { store } = chainOf(2);
    const again = new AuditLog(store.db, new ManualClock(1_700_000_100_000));
    again.append({ kind: 'after.reopen', actor: 'test', payload: {} });
    expect(verifyAuditChain(store.db)).toEqual({ intact: true, rows: 3, anchors: [] });
  });
});

describe('audit appendAll (one transaction for a burst)', () => {
  it('chains every row exactly as verify recomputes it, whatever the payload text', () => {
    const store = openVigilStore(':memory:');
    const log = new AuditLog(store.db, new ManualClock(1_700_000_000_000));
    log.append({ kind: 'engine.started', actor: 'system:test', payload: {} });
    const rows = log.appendAll([
      {
        kind: 'scanner.signal_published',
        actor: 'system:scanner',
        payload: { b: 1, a: [0.1, -2e-7] },
      },
      {
        kind: 'k"ind\\',
        actor: 'user:"quoted"\n',
        payload: { text: 'é \u2028 </script>', n: null },
      },
      {
        kind: 'scanner.tier_changed',
        actor: 'system:scanner',
        payload: { nested: { z: 1, y: { x: true } } },
      },
    ]);
    expect(rows.map((r) => r.seq)).toEqual([2, 3, 4]);
    let prev = rows[0]?.prev_hash as string;
    for (const row of rows) {
      expect(row.prev_hash).toBe(prev);
      expect(row.hash).toBe(rowHash(row.prev_hash, row));
      prev = row.hash;
    }
    expect(log.length).toBe(4);
    expect(verifyAuditChain(store.db)).toMatchObject({ intact: true, rows: 4 });
    store.close();
  });

  it('writes nothing of a burst when one event cannot be encoded', () => {
    const store = openVigilStore(':memory:');
    const log = new AuditLog(store.db, new ManualClock(1_700_000_000_000));
    log.append({ kind: 'a', actor: 'test', payload: {} });
    expect(() =>
      log.appendAll([
        { kind: 'b', actor: 'test', payload: { ok: 1 } },
        { kind: 'c', actor: 'test', payload: { bad: Number.NaN } },
      ]),
    ).toThrow('$.bad: non-finite number NaN');
    expect(log.length).toBe(1);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    // The chain goes on from the last row that was written.
    log.append({ kind: 'd', actor: 'test', payload: {} });
    expect(verifyAuditChain(store.db)).toMatchObject({ intact: true, rows: 2 });
    store.close();
  });
});
