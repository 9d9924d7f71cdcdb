import { openSync, readFileSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  KillLatchFile,
  LATCH_FILE_BYTES,
  type LatchRecord,
} from '../../../../src-main/engine/kill/kill-latch-file';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

const halted = (n: number): LatchRecord => ({
  halted: true,
  at: 1_000 + n,
  actor: 'user:test',
  reason: `kill ${n}`,
  killId: `k${n}`,
  flatten: n % 2 === 0,
});

describe('kill latch file', () => {
  it('is created whole (its blocks exist before any kill), 0600, and never changes size', () => {
    const path = join(tempDir(), 'kill-latch');
    const latch = KillLatchFile.open(path);
    expect(latch.read()).toEqual({ kind: 'empty' });
    const created = statSync(path);
    expect(created.size).toBe(LATCH_FILE_BYTES);
    // Real bytes, not a hole: a later overwrite needs no new block.
    expect(created.blocks * 512).toBeGreaterThanOrEqual(LATCH_FILE_BYTES);
    if (process.platform !== 'win32') expect(created.mode & 0o777).toBe(0o600);
    for (let n = 1; n <= 5; n += 1) latch.write(halted(n));
    latch.close();
    expect(statSync(path).size).toBe(LATCH_FILE_BYTES);
    const again = KillLatchFile.open(path);
    expect(again.read()).toEqual({ kind: 'record', record: halted(5) });
    again.close();
  });

  it('a torn newest slot leaves the previous record readable', () => {
    const path = join(tempDir(), 'kill-latch');
    const latch = KillLatchFile.open(path);
    latch.write(halted(1)); // slot 1
    latch.write(halted(2)); // slot 0
    latch.close();
    // Half of slot 0 overwritten, as a power cut mid-write could leave it.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 20);
    closeSync(fd);
    const reopened = KillLatchFile.open(path);
    expect(reopened.read()).toEqual({ kind: 'record', record: halted(1) });
    reopened.close();
  });

  it('says damaged for a file that is not a latch, and keeps a long reason within its slot', () => {
    const dir = tempDir();
    const garbage = join(dir, 'garbage');
    writeFileSync(garbage, Buffer.alloc(LATCH_FILE_BYTES, 0x7b));
    const g = KillLatchFile.open(garbage);
    expect(g.read()).toMatchObject({
      kind: 'damaged',
      why: expect.stringContaining('neither slot'),
    });
    g.close();
    const short = join(dir, 'short');
    writeFileSync(short, 'HALTED');
    const s = KillLatchFile.open(short);
    expect(s.read()).toMatchObject({ kind: 'damaged', why: expect.stringContaining('6 bytes') });
    // Given back its full size, it takes the next latch.
    s.write({ ...halted(1), reason: '\u0001'.repeat(5_000) });
    s.close();
    expect(statSync(short).size).toBe(LATCH_FILE_BYTES);
    const reopened = KillLatchFile.open(short);
    const read = reopened.read();
    reopened.close();
    expect(read.kind).toBe('record');
    if (read.kind === 'record') expect(read.record.reason.length).toBeLessThan(1_000);
    expect(readFileSync(short).length).toBe(LATCH_FILE_BYTES);
  });
});
