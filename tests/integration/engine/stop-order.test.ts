import { describe, expect, it } from 'vitest';
import { readAuditAnchor } from '../../../src-main/engine/audit/audit-anchor';
import { ManualClock } from '../../support/manual-clock';
import { startTestEngine } from '../../support/test-engine';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

/**
 * Pins the composition root's stop order: the heartbeat stops first (no status after the
 * stop), the stop is the chain's last row, the anchor is written after it, and only then do
 * the store close and the data folder's lock go (a second engine can start on the folder).
 */
describe('engine stop order', () => {
  it('heartbeat stopped, engine.stopped audited last, anchor after it, store closed, lock released', () => {
    const dir = tempDir();
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9));
    const engine = startTestEngine(dir, { clock, scheduler: clock, heartbeatMs: 1000 });
    const statuses: string[] = [];
    engine.events.subscribe((event) => {
      if (event.kind === 'statusChanged') statuses.push(event.kind);
    });
    clock.advance(1000);
    expect(statuses).toHaveLength(1);
    // The head before stopping: the stop appends exactly one row, engine.stopped.
    const before = engine.audit.anchor;
    engine.risk.triggerKill({ actor: 'user:test', reason: 'drill', flatten: false });
    engine.stop('test done');
    clock.advance(5000);
    expect(statuses).toHaveLength(1);
    expect(engine.store.db.open).toBe(false);
    // Written after the stop's row: the anchor names the chain's head as the store closed.
    const anchor = readAuditAnchor(dir);

    const next = startTestEngine(dir);
    try {
      const rows = next.store.db
        .prepare('SELECT seq, kind, hash FROM audit_log WHERE seq > ? ORDER BY seq')
        .all(before.seq) as Array<{ seq: number; kind: string; hash: string }>;
      const stoppedAt = rows.findIndex((r) => r.kind === 'engine.stopped');
      const startedAgain = rows.findIndex((r) => r.kind === 'engine.started');
      // Every row of the first engine (the kill's) comes before its stop; the next start after.
      expect(stoppedAt).toBeGreaterThan(0);
      expect(rows.slice(0, stoppedAt).map((r) => r.kind)).toContain('kill.triggered');
      expect(startedAgain).toBe(stoppedAt + 1);
      const stopped = rows[stoppedAt];
      expect({ seq: anchor?.seq, hash: anchor?.hash }).toEqual({
        seq: stopped?.seq,
        hash: stopped?.hash,
      });
    } finally {
      next.stop('test');
    }
  });
});
