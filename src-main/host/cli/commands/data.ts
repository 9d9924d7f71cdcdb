import { existsSync } from 'node:fs';
import {
  candleFilesAt,
  checkCandleFile,
  type CandleFileReport,
} from '../../../engine/market/data-check';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { parseFlags } from '../parse-flags';

const MAX_VIOLATIONS_SHOWN = 20;

/**
 * `vigil data check`: validates candle CSV files and reports rows, time range, gaps and every
 * violation with its line. Exit 0 when every file is clean, 1 when any has violations. With
 * `--skip-invalid` (the loader's mode), invalid rows are reported as dropped and only a file
 * that cannot load at all (bad name or header, no valid row) fails.
 */
export async function dataCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'check') throw new UsageError(`unknown data subcommand '${sub ?? ''}'`);
  const { values, positionals } = parseFlags(
    rest,
    { json: { type: 'boolean' }, 'skip-invalid': { type: 'boolean' } },
    true,
  );
  const skipInvalid = values['skip-invalid'] === true;
  if (positionals.length !== 1) {
    throw new UsageError(`expected one file or folder, got ${positionals.length}`);
  }
  const target = positionals[0] as string;
  if (!existsSync(target)) throw new UsageError(`no such file or folder: ${target}`);
  const files = candleFilesAt(target);
  if (files.length === 0) {
    io.stderr(`vigil data check: no .csv files in ${target}\n`);
    return EXIT_FAILURE;
  }
  const reports: CandleFileReport[] = [];
  for (const file of files) reports.push(await checkCandleFile(file));
  const passed = (r: CandleFileReport): boolean => (skipInvalid ? r.loadable : r.ok);
  const clean = reports.every(passed);
  if (values.json === true) {
    io.stdout(`${JSON.stringify({ ok: clean, skipInvalid, files: reports })}\n`);
  } else {
    for (const report of reports) io.stdout(formatReport(report, skipInvalid));
    const bad = reports.filter((r) => !r.ok).length;
    const dropped = reports.reduce((n, r) => n + (r.loadable ? r.violations.length : 0), 0);
    const tail = skipInvalid ? `, ${dropped} row(s) dropped` : '';
    io.stdout(`${reports.length} file(s) checked, ${bad} with violations${tail}\n`);
  }
  return clean ? EXIT_OK : EXIT_FAILURE;
}

function formatReport(r: CandleFileReport, skipInvalid: boolean): string {
  const verdict = r.ok ? 'OK  ' : skipInvalid && r.loadable ? 'DROP' : 'FAIL';
  const lines = [`${verdict} ${r.file}`];
  if (r.timeframe !== null) {
    lines.push(
      `     ${r.exchange} ${r.symbol} ${r.timeframe}: ${r.rows} rows (${r.validRows} valid), ${iso(r.first)} .. ${iso(r.last)}`,
    );
    const longest =
      r.gaps.longest === null
        ? ''
        : `, longest ${r.gaps.longest.missing} from ${iso(r.gaps.longest.from)}`;
    lines.push(`     gaps: ${r.gaps.count}, missing slots: ${r.gaps.missing}${longest}`);
  }
  const dropping = skipInvalid && r.loadable ? 'dropped ' : '';
  for (const v of r.violations.slice(0, MAX_VIOLATIONS_SHOWN)) {
    lines.push(`     ${dropping}line ${v.line}: ${v.reason}`);
  }
  if (r.violations.length > MAX_VIOLATIONS_SHOWN) {
    lines.push(
      `     ... and ${r.violations.length - MAX_VIOLATIONS_SHOWN} more (use --json for all)`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function iso(ms: number | null): string {
  return ms === null ? '-' : new Date(ms).toISOString();
}
