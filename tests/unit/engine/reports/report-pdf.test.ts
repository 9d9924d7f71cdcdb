import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../src-main/engine/reports/build-report';
import { renderReportPdf } from '../../../../src-main/engine/reports/report-pdf';
import { monthPeriod } from '../../../../src-main/engine/reports/report-period';
import { FIXTURE_NOW, fixtureSource } from '../../../support/report-fixture';
import { replaySession } from '../../../support/replay-session';
import { useTempDirs } from '../../../support/temp-dir';

// poppler-utils is a declared test dependency: if it is missing these tests fail, they do not skip.
const PDFTOTEXT = '/usr/bin/pdftotext';
const PDFFONTS = '/usr/bin/pdffonts';
const PDFTOPPM = '/usr/bin/pdftoppm';

const tempDir = useTempDirs();

function extract(bytes: Buffer): { text: string; fonts: string; file: string } {
  const dir = tempDir();
  const file = join(dir, 'report.pdf');
  writeFileSync(file, bytes);
  return {
    text: execFileSync(PDFTOTEXT, ['-layout', file, '-'], { encoding: 'utf8' }),
    fonts: execFileSync(PDFFONTS, [file], { encoding: 'utf8' }),
    file,
  };
}

describe('report PDF', () => {
  it('is a valid PDF with embedded DejaVu fonts and extractable text (replay session, May 2018)', async () => {
    const { source } = replaySession();
    const report = await buildReport({
      source,
      book: 'paper',
      period: monthPeriod('2018-05', 'Europe/Berlin', FIXTURE_NOW),
      generatedAt: FIXTURE_NOW,
    });
    const progress: number[] = [];
    const bytes = await renderReportPdf(report, { onProgress: (f) => progress.push(f) });
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(progress.at(-1)).toBe(1);
    const { text, fonts, file } = extract(bytes);
    expect(text).toContain('Vigil trading report');
    expect(text).toContain('May 2018');
    expect(text).toContain('PAPER BOOK');
    expect(text).toContain('Europe/Berlin');
    expect(text).toContain('BTC/USDT');
    expect(text).toContain('Sharpe (daily, ×√365)');
    expect(text).toContain(`All trades (${report.trades.length})`);
    // Every font is embedded as a subset of DejaVu Sans: selectable, same on every machine.
    const fontRows = fonts
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(fontRows.length).toBeGreaterThan(0);
    for (const row of fontRows) expect(row).toMatch(/DejaVuSans.*yes\s+yes/);
    // Every page renders.
    execFileSync(PDFTOPPM, ['-png', '-r', '30', file, join(tempDir(), 'p')]);
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' }))?.[1],
    );
    expect(pages).toBeGreaterThanOrEqual(4);
  });

  it('renders the same bytes for the same report', async () => {
    const make = async (): Promise<Buffer> =>
      renderReportPdf(
        await buildReport({
          source: fixtureSource(),
          book: 'paper',
          period: monthPeriod('2026-10', 'Europe/Berlin', FIXTURE_NOW),
          generatedAt: FIXTURE_NOW,
        }),
      );
    expect((await make()).equals(await make())).toBe(true);
  });

  it('says so when a month had no trades', async () => {
    const report = await buildReport({
      source: fixtureSource(),
      book: 'paper',
      period: monthPeriod('2026-08', 'Europe/Berlin', FIXTURE_NOW),
      generatedAt: FIXTURE_NOW,
    });
    const { text } = extract(await renderReportPdf(report));
    expect(text).toContain('There were no trades in this period.');
    expect(text).toContain('August 2026');
  });

  it('keeps the page-1 note on the page: every word inside the margins', async () => {
    const built = await buildReport({
      source: fixtureSource(),
      book: 'paper',
      period: monthPeriod('2026-10', 'Europe/Berlin', FIXTURE_NOW),
      generatedAt: FIXTURE_NOW,
    });
    expect(built.summary.trades).toBeGreaterThan(0);
    // The note shown when a position had no mark at the period end (with trades in the month).
    const report = { ...built, summary: { ...built.summary, unrealizedPnl: null } };
    const { file } = extract(await renderReportPdf(report));
    const html = execFileSync(PDFTOTEXT, ['-bbox', '-f', '1', '-l', '1', file, '-'], {
      encoding: 'utf8',
    });
    const words = [...html.matchAll(/xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]*)</g)].map(
      (m) => ({ xMin: Number(m[1]), xMax: Number(m[2]), word: m[3] }),
    );
    const note = words.find((w) => w.word === 'Unrealized' && w.xMin < 60);
    expect(note, 'the note starts at the left margin').toBeDefined();
    const pageWidth = 595.28;
    const margin = 42;
    for (const w of words) expect(w.xMax, w.word).toBeLessThanOrEqual(pageWidth - margin + 1);
  });

  it('states on page 1, inside the margins, how other currencies were valued and that the replay was rewound', async () => {
    const built = await buildReport({
      source: fixtureSource(),
      book: 'paper',
      period: monthPeriod('2026-10', 'Europe/Berlin', FIXTURE_NOW),
      generatedAt: FIXTURE_NOW,
    });
    const notes = [
      {
        text: "BTC in USDT: 3 fills valued at the BTC/USDT mark of each fill's time, as the ledger recorded it.",
      },
      { text: 'The replay was rewound once here: some market days were played more than once.' },
    ];
    const { file } = extract(await renderReportPdf({ ...built, notes }));
    const page1 = execFileSync(PDFTOTEXT, ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
    const flat = page1.replace(/\s+/g, ' ');
    for (const note of notes) expect(flat).toContain(note.text);
    const bbox = execFileSync(PDFTOTEXT, ['-bbox', '-f', '1', '-l', '1', file, '-'], {
      encoding: 'utf8',
    });
    for (const m of bbox.matchAll(/xMax="([\d.]+)"[^>]*>([^<]*)</g))
      expect(Number(m[1]), m[2]).toBeLessThanOrEqual(595.28 - 42 + 1);
  });
});
