import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditRiskEvents } from '../../../../src-main/engine/reports/audit-risk-events';
import { AuditLog } from '../../../../src-main/engine/audit/audit-log';
import { databasePath } from '../../../../src-main/engine/data-dir';
import { openVigilStore } from '../../../../src-main/engine/schema';
import {
  reportCommand,
  type ReportCommandDeps,
} from '../../../../src-main/host/cli/commands/report';
import { EXIT_USAGE, UsageError, type CliIo } from '../../../../src-main/host/cli/cli-io';
import { runCli } from '../../../../src-main/host/cli/run-cli';
import { MemoryReportSource } from '../../../../src-main/engine/reports/memory-report-source';
import { FIXTURE_EQUITY, FIXTURE_FILLS, FIXTURE_NOW } from '../../../support/report-fixture';
import { parseCsv } from '../../../support/csv-parse';
import { ManualClock } from '../../../support/manual-clock';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: {},
    platform: 'linux',
    home: tempDir(),
    stopSignal: new Promise(() => {}),
  };
}

/**
 * A data folder whose audit chain holds real rows (risk rejections and a kill) and whose
 * ledger rows come from the fixture; risk events are read from the database read-only.
 */
function dataDirWithAudit(): { dir: string; deps: ReportCommandDeps } {
  const dir = tempDir();
  const store = openVigilStore(databasePath(dir));
  const audit = new AuditLog(store.db, new ManualClock(Date.parse('2026-10-06T09:00:00Z')));
  audit.append({
    kind: 'risk.rejected',
    actor: 'risk:daily-loss',
    payload: { rule: 'daily-loss', reason: 'daily loss 2.1% > 2%' },
  });
  audit.append({
    kind: 'kill.triggered',
    actor: 'user:button',
    payload: { killId: 'k1', reason: 'manual', flatten: false },
  });
  store.close();
  const deps: ReportCommandDeps = {
    clock: new ManualClock(FIXTURE_NOW),
    openSource: (dataDir) => {
      // Read-only, as the real ledger opener does.
      const db = new BetterSqlite3(databasePath(dataDir), { readonly: true, fileMustExist: true });
      const source = new MemoryReportSource({
        paper: {
          currency: 'USDT',
          fills: FIXTURE_FILLS,
          equity: FIXTURE_EQUITY,
          riskEvents: auditRiskEvents(db, 0, FIXTURE_NOW),
          marks: { 'BTC/USDT': [[Date.parse('2026-10-31T20:00:00Z'), '63000']] },
        },
      });
      db.close();
      return { source, close: () => {} };
    },
  };
  return { dir, deps };
}

describe('vigil report', () => {
  it('writes the PDF, the lots CSV and the fills CSV for a month, and says what it did', async () => {
    const { dir, deps } = dataDirWithAudit();
    const out = join(tempDir(), 'oct.pdf');
    const csv = join(tempDir(), 'oct.csv');
    const cli = io();
    const code = await reportCommand(
      [
        '--month',
        '2026-10',
        '--tz',
        'Europe/Berlin',
        '--out',
        out,
        '--csv',
        csv,
        '--data-dir',
        dir,
      ],
      cli,
      deps,
    );
    expect(cli.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(cli.out.join('')).toContain(
      'October 2026 (paper, Europe/Berlin): 3 trades, realized 1,377.00 USDT, fees 129.10 USDT',
    );
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(parseCsv(readFileSync(csv, 'utf8'))).toHaveLength(4);
    expect(parseCsv(readFileSync(csv.replace('.csv', '-fills.csv'), 'utf8'))).toHaveLength(7);
  });

  it('re-running an export leaves the database byte for byte unchanged', async () => {
    const { dir, deps } = dataDirWithAudit();
    const hash = (): string =>
      createHash('sha256')
        .update(readFileSync(databasePath(dir)))
        .digest('hex');
    const before = hash();
    for (let i = 0; i < 2; i += 1) {
      const code = await reportCommand(
        ['--month', '2026-10', '--tz', 'UTC', '--out', join(tempDir(), 'r.pdf'), '--data-dir', dir],
        io(),
        deps,
      );
      expect(code).toBe(0);
    }
    expect(hash()).toBe(before);
  });

  it('reports risk events read from the audit chain', async () => {
    const { dir, deps } = dataDirWithAudit();
    const cli = io();
    await reportCommand(
      [
        '--month',
        '2026-10',
        '--tz',
        'UTC',
        '--out',
        join(tempDir(), 'r.pdf'),
        '--data-dir',
        dir,
        '--json',
      ],
      cli,
      deps,
    );
    expect(JSON.parse(cli.out.join(''))).toMatchObject({
      trades: 3,
      realizedPnl: '1377',
      fees: '129.1',
      partial: false,
      rejections: 1,
      halts: 0,
      kills: 1,
    });
  });

  it('an empty month is a valid report that says there were no trades', async () => {
    const { dir, deps } = dataDirWithAudit();
    const cli = io();
    const out = join(tempDir(), 'aug.pdf');
    expect(
      await reportCommand(
        ['--month', '2026-08', '--tz', 'UTC', '--out', out, '--data-dir', dir],
        cli,
        deps,
      ),
    ).toBe(0);
    expect(cli.out.join('')).toContain('August 2026 (paper, UTC): no trades');
    expect(existsSync(out)).toBe(true);
  });

  it.each([
    [['--month', '2026-13'], "malformed month '2026-13'"],
    [['--month', '2026-1'], "malformed month '2026-1'"],
    [['--month', '2027-01'], 'month 2027-01 is in the future (today is 2026-11-21 in UTC)'],
    [['--from', '2026-10-05', '--to', '2026-10-01'], '--to 2026-10-01 is before --from 2026-10-05'],
    [['--from', '2026-02-30', '--to', '2026-03-01'], "malformed date for --from: '2026-02-30'"],
    [['--month', '2026-10', '--tz', 'Mars/Olympus'], "unknown time zone 'Mars/Olympus'"],
    [['--month', '2026-10', '--book', 'live'], 'name the live venue'],
    [['--month', '2026-10', '--book', 'demo'], "--book must be 'paper' or 'live:<venue>'"],
    [[], 'a period is required'],
  ])('refuses %j with a clear message', async (args, message) => {
    const { dir, deps } = dataDirWithAudit();
    const zone = args.includes('--tz') ? [] : ['--tz', 'UTC'];
    const run = reportCommand(
      [...args, ...zone, '--out', join(tempDir(), 'x.pdf'), '--data-dir', dir],
      io(),
      deps,
    );
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(message);
  });

  it('is registered in the CLI, where a usage error exits 2 with the usage line', async () => {
    const cli = io();
    expect(await runCli(['report', '--month', 'oct', '--out', 'x.pdf', '--tz', 'UTC'], cli)).toBe(
      EXIT_USAGE,
    );
    expect(cli.err.join('')).toContain("malformed month 'oct'");
    expect(cli.err.join('')).toContain('Usage: vigil report');
  });
});
