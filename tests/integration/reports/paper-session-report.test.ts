import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../../src-main/engine/data-dir';
import { buildReport } from '../../../src-main/engine/reports/build-report';
import { ledgerSourceOn } from '../../../src-main/engine/reports/engine-report-source';
import { Money, parseMoney, sumMoney } from '../../../src-main/engine/reports/money';
import { fillsCsv, lotsCsv } from '../../../src-main/engine/reports/report-csv';
import type { Report } from '../../../src-main/engine/reports/report-model';
import { rangePeriod } from '../../../src-main/engine/reports/report-period';
import type { CliIo } from '../../../src-main/host/cli/cli-io';
import { runCli } from '../../../src-main/host/cli/run-cli';
import { readAuditAnchor } from '../../../src-main/engine/audit/audit-anchor';
import { parseCsv } from '../../support/csv-parse';
import { runPaperSession, type PaperSession } from '../../support/paper-session';
import { useTempDirs } from '../../support/temp-dir';

const NOW = Date.UTC(2026, 10, 21);
const sum = (values: readonly string[], where: string): Money =>
  sumMoney(values.map((v, i) => parseMoney(v, `${where} ${i}`)));

/**
 * A paper session of the execution core (executor + paper broker + ledger) on the bundled
 * real 1h candles, reported through the ledger adapter exactly as the app does.
 */
describe('report of a paper session on the bundled replay', () => {
  const tempDir = useTempDirs();
  let session: PaperSession;
  let report: Report;
  const period = rangePeriod('2018-05-01', '2018-06-30', 'UTC', NOW);

  beforeAll(async () => {
    session = await runPaperSession();
    report = await buildReport({
      source: ledgerSourceOn(session.rig.store.db, session.rig.ledger, NOW),
      book: 'paper',
      period,
      generatedAt: NOW,
    });
  }, 120_000);

  it('matches the ledger: realized PnL, fees and FIFO lots, exactly', () => {
    const ledger = session.rig.ledger;
    const fills = ledger.fills('paper', { from: period.fromMs, to: period.toMs });
    expect(fills.length).toBeGreaterThan(100);
    expect(report.summary.fills).toBe(fills.length);
    expect(report.summary.realizedGross.toFixed()).toBe(
      sum(
        fills.map((f) => f.realizedPnl),
        'realized',
      ).toFixed(),
    );
    expect(report.summary.fees.toFixed()).toBe(
      sum(
        fills.map((f) => f.feeQuote),
        'fee',
      ).toFixed(),
    );
    const book = ledger.book('paper');
    expect(report.summary.realizedGross.toFixed()).toBe(
      new Money(book?.realizedPnl ?? 'NaN').toFixed(),
    );
    expect(report.summary.fees.toFixed()).toBe(new Money(book?.fees ?? 'NaN').toFixed());
    // Same FIFO slicing as the ledger's own lots.
    const closes = ledger.lotCloses('paper', { from: period.fromMs, to: period.toMs });
    expect(report.closedLots.length).toBe(closes.length);
    expect(
      report.closedLots.map((l) => [
        l.openFill.source.id,
        l.closeFill.source.id,
        l.quantity.toFixed(),
      ]),
    ).toEqual(closes.map((c) => [c.openFillId, c.closeFillId, new Money(c.qty).toFixed()]));
    // Flat at the end: equity moved by exactly the realized PnL net of every fee.
    const end = report.summary.endEquity;
    const start = report.summary.startEquity;
    expect(end?.minus(start ?? 'NaN').toFixed()).toBe(report.summary.realizedPnl.toFixed());
    expect(end?.toFixed()).toBe(new Money(book?.cash ?? 'NaN').toFixed());
  });

  it('its CSVs, re-imported, total the ledger realized PnL and fees exactly', () => {
    const lots = parseCsv(lotsCsv(report));
    const fills = parseCsv(fillsCsv(report));
    const book = session.rig.ledger.book('paper');
    const gains = sum(
      lots.map((r) => r['Gain or Loss'] ?? ''),
      'gain',
    );
    const lotFees = sum(
      lots.map((r) => r['Fee'] ?? ''),
      'lot fee',
    );
    const fillFees = sum(
      fills.map((r) => r['Fee Value'] ?? ''),
      'fill fee',
    );
    expect(fillFees.toFixed()).toBe(new Money(book?.fees ?? 'NaN').toFixed());
    expect(lotFees.toFixed()).toBe(fillFees.toFixed()); // flat: every fee sits in a closed lot
    expect(gains.plus(lotFees).toFixed()).toBe(new Money(book?.realizedPnl ?? 'NaN').toFixed());
  });

  it('vigil report reads the ledger file read-only: the database is unchanged after two runs', async () => {
    const dir = tempDir();
    const fileSession = await runPaperSession(databasePath(dir));
    fileSession.rig.executor.stop();
    fileSession.rig.store.close();
    const hash = (): string =>
      createHash('sha256')
        .update(readFileSync(databasePath(dir)))
        .digest('hex');
    const before = hash();
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env: {},
      platform: 'linux',
      home: dir,
      stopSignal: new Promise(() => {}),
    };
    for (let run = 0; run < 2; run += 1) {
      const pdf = join(tempDir(), 'june.pdf');
      const csv = join(tempDir(), 'june.csv');
      const code = await runCli(
        [
          'report',
          '--month',
          '2018-06',
          '--tz',
          'Europe/Berlin',
          '--out',
          pdf,
          '--csv',
          csv,
          '--data-dir',
          dir,
        ],
        io,
      );
      expect(err.join('')).toBe('');
      expect(code).toBe(0);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // The report anchors the audit chain: its head is printed, and kept beside the database.
      const text = execFileSync('/usr/bin/pdftotext', [pdf, '-'], { encoding: 'utf8' });
      const anchor = readAuditAnchor(dir);
      expect(anchor).not.toBeNull();
      expect(text.replace(/\s+/g, ' ')).toContain(
        `vigil audit verify --anchor ${anchor?.seq}:${anchor?.hash}`,
      );
    }
    expect(out.join('')).toContain('June 2018 (paper, Europe/Berlin)');
    expect(hash()).toBe(before);
  }, 120_000);
});
