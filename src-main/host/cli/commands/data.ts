import { existsSync } from 'node:fs';
import {
  candleFilesAt,
  checkCandleFile,
  type CandleFileReport,
} from '../../../engine/market/data-check';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { parseFlags } from '../parse-flags';

export const DATA_USAGE = 'vigil data check <file|dir> [--json]';

const MAX_VIOLATIONS_SHOWN = 20;

/**
 * `vigil data check`: validates candle CSV files and reports rows, time range, gaps and every
 * violation with its line. Exit 0 when every file is clean, 1 when any has violations.
 */
export async function dataCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'check') throw new UsageError(`unknown data subcommand '${sub ?? ''}'`);
  const { values, positionals } = parseFlags(rest, { json: { type: 'boolean' } }, true);
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
  const clean = reports.every((r) => r.ok);
  if (values.json === true) {
    io.stdout(`${JSON.stringify({ ok: clean, files: reports })}\n`);
  } else {
    for (const report of reports) io.stdout(formatReport(report));
    const bad = reports.filter((r) => !r.ok).length;
    io.stdout(`${reports.length} file(s) checked, ${bad} with violations\n`);
  }
  return clean ? EXIT_OK : EXIT_FAILURE;
}

function formatReport(r: CandleFileReport): string {
  const lines = [`${r.ok ? 'OK  ' : 'FAIL'} ${r.file}`];
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
  for (const v of r.violations.slice(0, MAX_VIOLATIONS_SHOWN)) {
    lines.push(`     line ${v.line}: ${v.reason}`);
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
