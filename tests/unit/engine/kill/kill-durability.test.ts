import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LATCH_FILE_BYTES } from '../../../../src-main/engine/kill/kill-latch-file';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../../src-main/engine/audit/verify-audit';
import { FakeVenue, populate } from '../../../support/fake-venue';
import { riskHarness, type RiskHarness } from '../../../support/risk-harness';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

/** A file database and a kill latch file, as an engine has them. */
function onDisk(venues: FakeVenue[], withLatch = true): RiskHarness {
  const dir = tempDir();
  return riskHarness(
    venues,
    join(dir, 'vigil.db'),
    'UTC',
    withLatch ? join(dir, 'kill-latch') : undefined,
  );
}

/**
 * The database refuses every write from here on. SQLite's own refusal (query_only): the same
 * path as a full disk for everything above SQLite; the real full disk is the host fault test.
 */
function refuseWrites(h: RiskHarness, refuse: boolean): void {
  h.store.db.pragma(`query_only = ${refuse ? 'ON' : 'OFF'}`);
}

describe('kill switch durability', () => {
  it('latches durably through the latch file when the database refuses, and says what is missing', async () => {
    const venue = new FakeVenue('paper');
    populate(venue, 4, 0);
    const h = onDisk([venue]);
    refuseWrites(h, true);
    const handle = h.risk.triggerKill({
      actor: 'user:test',
      reason: 'disk full drill',
      flatten: false,
    });
    expect(h.risk.control.mode).toBe('HALTED');
    expect(handle).toMatchObject({ durable: true, recorded: false });
    expect(handle.problems.join('\n')).toContain('control mode not recorded in the database');
    expect(handle.problems.join('\n')).toContain('kill state not recorded in the database');
    // Said loudly, once per problem, through the engine's error channel.
    expect(h.errors.map(String).join('\n')).toContain('PersistFailedError');
    await handle.done; // the cancelling itself needs no database
    expect(venue.orders.size).toBe(0);
    const status = await h.risk.status();
    expect(status.control.mode).toBe('HALTED');
    expect(status.durability).toMatchObject({ latchDurable: true });
    expect(status.durability.pendingAuditRows).toBeGreaterThan(0);
    expect(h.events.some((e) => e.kind === 'durabilityChanged')).toBe(true);
  });

  it('restarts HALTED from the latch file when the database never recorded the kill, and sweeps again', async () => {
    const venue = new FakeVenue('paper');
    const h = onDisk([venue]);
    refuseWrites(h, true);
    const first = h.risk.triggerKill({ actor: 'user:cli', reason: 'full disk', flatten: true });
    await first.done;
    populate(venue, 3, 0); // orders the venue still showed after the crash
    const after = h.restart([venue]);
    expect(after.control.current).toMatchObject({
      mode: 'HALTED',
      actor: 'user:cli',
      reason: 'full disk',
    });
    expect(after.kill.current).toMatchObject({ killId: first.killId, flatten: true });
    await after.kill.resumeIfUnfinished();
    expect(venue.orders.size).toBe(0);
  });

  it('writes the records and the audit rows it kept once the database accepts again; the chain stays intact', async () => {
    const h = onDisk([new FakeVenue('paper')]);
    refuseWrites(h, true);
    const handle = h.risk.triggerKill({ actor: 'user:test', reason: 'later', flatten: false });
    await handle.done;
    refuseWrites(h, false);
    h.risk.durability.flush();
    expect(h.risk.durability.status()).toEqual({
      latchDurable: true,
      pendingAuditRows: 0,
      problems: [],
    });
    const triggered = h.auditRows('kill.triggered')[0]?.payload;
    expect(triggered).toMatchObject({
      killId: handle.killId,
      writtenLate: { happenedAt: expect.any(Number) },
    });
    expect(h.auditKinds()).toContain('control.mode_changed');
    expect(verifyAuditChain(h.store.db)).toMatchObject({ intact: true });
    expect(h.restart([]).kill.current).toMatchObject({ killId: handle.killId, phase: 'done' });
  });

  it('without a latch file and with a refusing database the latch is memory-only, and the reply says so', () => {
    const h = onDisk([new FakeVenue('paper')], false);
    refuseWrites(h, true);
    const handle = h.risk.triggerKill({
      actor: 'user:test',
      reason: 'nothing writes',
      flatten: false,
    });
    expect(h.risk.control.mode).toBe('HALTED');
    expect(handle).toMatchObject({ durable: false, recorded: false });
    expect(h.risk.durability.status().latchDurable).toBe(false);
    return handle.done;
  });

  it('refuses to rearm while the kill is not yet in the database, so no stale HALTED lands after it', async () => {
    const h = onDisk([new FakeVenue('paper')]);
    refuseWrites(h, true);
    await h.risk.triggerKill({ actor: 'user:test', reason: 'x', flatten: false }).done;
    await expect(h.risk.kill.rearm('user:test', 'too soon')).rejects.toThrow(
      'the database has not recorded the last kill yet',
    );
    expect(() => h.risk.control.set('PAUSED', 'user:test', 'x')).toThrow('rearm first');
    expect(h.risk.control.mode).toBe('HALTED');
    refuseWrites(h, false);
    expect((await h.risk.kill.rearm('user:test', 'disk freed')).mode).toBe('RUNNING');
    expect(h.restart([]).control.mode).toBe('RUNNING');
  });

  it('a damaged latch file starts HALTED: it cannot say that no kill happened', () => {
    const dir = tempDir();
    const h = riskHarness([], join(dir, 'vigil.db'), 'UTC', join(dir, 'kill-latch'));
    expect(h.risk.control.mode).toBe('RUNNING');
    writeFileSync(join(dir, 'kill-latch'), Buffer.alloc(LATCH_FILE_BYTES, 0x7b));
    const after = h.restart([]);
    expect(after.control.current).toMatchObject({
      mode: 'HALTED',
      reason: expect.stringContaining('the kill latch file is damaged'),
    });
    // Said loudly; the file then holds a valid HALTED again.
    expect(h.errors.map(String).join('\n')).toContain('neither slot holds a valid latch record');
    expect(after.durability.status().problems).toEqual([]);
  });
});
