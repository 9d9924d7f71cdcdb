import { existsSync, statSync } from 'node:fs';
import { TimeframeSchema, type Timeframe } from '../../../../src-shared/domain/candle';
import { formatScanReport, scanFolder } from '../../../engine/scanner/replay-scan';
import { DEFAULT_SCANNER_CONFIG } from '../../../engine/scanner/scoring/scanner-config';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { parseFlags } from '../parse-flags';

/**
 * `vigil scan`: replays a folder of candle files through the scanner (in this process, market
 * by market as the files are read: a scan has no kill switch to keep responsive) and prints per market the final tier, probability, score, EV, gates, top factors and every
 * tier transition. Output depends only on the files: the same input gives the same bytes.
 */
export async function scanCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, {
    data: { type: 'string' },
    timeframes: { type: 'string' },
    json: { type: 'boolean' },
  });
  const dir = values.data;
  if (dir === undefined || dir === '') throw new UsageError('--data DIR is required');
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`--data: no such folder: ${dir}`);
  const timeframes = parseTimeframes(
    values.timeframes ?? DEFAULT_SCANNER_CONFIG.timeframes.join(','),
  );
  const report = await scanFolder(dir, { ...DEFAULT_SCANNER_CONFIG, timeframes });
  if (report.markets.length === 0) {
    io.stderr(`vigil scan: no usable candle files in ${dir}\n`);
    for (const s of report.skipped) io.stderr(`  ${s.file}: ${s.reason}\n`);
    return EXIT_FAILURE;
  }
  io.stdout(values.json === true ? `${JSON.stringify(report)}\n` : formatScanReport(report));
  return EXIT_OK;
}

/** `--timeframes 15m,1h`: known timeframes, each once, in the order given. */
export function parseTimeframes(raw: string): Timeframe[] {
  const parts = raw.split(',').map((p) => p.trim());
  const out: Timeframe[] = [];
  for (const part of parts) {
    const parsed = TimeframeSchema.safeParse(part);
    if (!parsed.success) {
      throw new UsageError(
        `--timeframes: unknown timeframe '${part}' (use ${TimeframeSchema.options.join(', ')})`,
      );
    }
    if (out.includes(parsed.data)) throw new UsageError(`--timeframes: '${part}' given twice`);
    out.push(parsed.data);
  }
  return out;
}
