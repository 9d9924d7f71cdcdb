import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../src-shared/contract/dispatch';
import { auditAnchorPath, readAuditAnchor } from '../../src-main/engine/audit/audit-anchor';
import { rowHash, type AuditRow } from '../../src-main/engine/audit/audit-log';
import { verifyAuditChain } from '../../src-main/engine/audit/verify-audit';
import { databasePath } from '../../src-main/engine/data-dir';
import type { Engine } from '../../src-main/engine/engine';
import { openVigilStore } from '../../src-main/engine/schema';
import { runCli } from '../../src-main/host/cli/run-cli';
import { captureIo } from '../support/capture-io';
import { startTestEngine } from '../support/test-engine';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();

const run = (dir: string): Engine => startTestEngine(dir, {}, Date.UTC(2026, 9, 15, 12));

/** A data folder with a few real sessions: starts, a kill, stops. */
function usedDataDir(): string {
  const dir = tempDir();
  const first = run(dir);
  first.risk.triggerKill({ actor: 'user:test', reason: 'drill', flatten: false });
  first.stop('test');
  run(dir).stop('test');
  return dir;
}

async function verify(dir: string, ...flags: string[]): Promise<{ code: number; out: string }> {
  const io = captureIo();
  const code = await runCli(['audit', 'verify', '--data-dir', dir, ...flags], io);
  return { code, out: io.out.join('') + io.err.join('') };
}

/** What someone with write access to vigil.db can do: edit a row and recompute every hash. */
function rewriteChain(db: Database): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
  db.prepare(
    'UPDATE audit_log SET payload = \'{"reason":"nothing happened"}\' WHERE seq = 2',
  ).run();
  let prev = rows[0]?.hash as string;
  for (const row of rows.slice(1)) {
    const current = db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(row.seq) as AuditRow;
    const hash = rowHash(prev, current);
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(
      prev,
      hash,
      row.seq,
    );
    prev = hash;
  }
  db.prepare("UPDATE meta SET value = ? WHERE key = 'audit_head'").run(`${rows.length}:${prev}`);
}

describe('audit verify', () => {
  it('fails when the newest rows are deleted together with the recorded head', async () => {
    const dir = usedDataDir();
    rmSync(auditAnchorPath(dir)); // not even the side file to fall back on
    const store = openVigilStore(databasePath(dir));
    store.db.exec('DROP TRIGGER audit_log_no_delete');
    store.db.exec(
      "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log); DELETE FROM meta WHERE key = 'audit_head';",
    );
    store.close();
    const { code, out } = await verify(dir);
    expect(code).toBe(1);
    expect(out).toContain('BROKEN');
    expect(out).toContain('the recorded head (meta audit_head) is missing');
  });

  it('the anchor beside the database catches a chain rewritten with fresh hashes', async () => {
    const dir = usedDataDir();
    const anchor = readAuditAnchor(dir);
    expect(anchor).not.toBeNull();
    expect((await verify(dir)).out).toMatch(/intact: \d+ rows; matches the anchor at row \d+/);
    const store = openVigilStore(databasePath(dir));
    rewriteChain(store.db);
    // The chain alone cannot tell: this is what the anchor is for.
    expect(verifyAuditChain(store.db)).toMatchObject({ intact: true });
    store.close();
    const { code, out } = await verify(dir);
    expect(code).toBe(1);
    expect(out).toContain(`row ${anchor?.seq} differs from the anchor in ${auditAnchorPath(dir)}`);
  });

  it('an exported report prints the head; --anchor from it proves the chain up to that row', async () => {
    const dir = usedDataDir();
    const engine = run(dir);
    const result = await dispatchCommand(
      engine.handlers,
      'exportReport',
      {
        exportId: 'e1',
        book: 'paper',
        period: { kind: 'month', month: '2026-10' },
        timeZone: 'UTC',
        format: 'pdf',
      },
      { origin: 'test' },
    );
    engine.stop('test');
    if (!result.ok) throw new Error(result.error.message);
    const pdf = join(tempDir(), 'report.pdf');
    writeFileSync(
      pdf,
      Buffer.from((result.output as { bytesBase64: string }).bytesBase64, 'base64'),
    );
    const text = execFileSync('/usr/bin/pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    const printed = /vigil audit verify --anchor (\d+:[0-9a-f]{64})/.exec(text)?.[1];
    expect(printed).toBeDefined();
    expect((await verify(dir, '--anchor', printed as string)).code).toBe(0);

    // Rewritten, side file and all: the report kept elsewhere still catches it.
    const store = openVigilStore(databasePath(dir));
    rewriteChain(store.db);
    store.close();
    rmSync(auditAnchorPath(dir));
    const { code, out } = await verify(dir, '--anchor', printed as string);
    expect(code).toBe(1);
    expect(out).toContain('differs from the anchor in --anchor');
  });
});
