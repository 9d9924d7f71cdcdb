import { CandleFileError, loadCandleCsv } from '../../../engine/market/csv-loader';
import {
  IndicatorSet,
  TA_LIB_INDICATOR_KEYS,
  taLibValues,
} from '../../../engine/scanner/indicators/indicator-set';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { parseFlags } from '../parse-flags';

/**
 * `vigil indicators`: runs the streaming indicator set over a candle file. With --json, one JSON
 * array with one object per input candle (null while an indicator warms up); otherwise CSV
 * with the same columns (empty while warming up). A refused file prints the loader's errors
 * and exits 1.
 */
export async function indicatorsCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, { csv: { type: 'string' }, json: { type: 'boolean' } });
  const file = values.csv;
  if (file === undefined || file === '') throw new UsageError('--csv FILE is required');
  let candles;
  try {
    candles = (await loadCandleCsv(file)).candles;
  } catch (error) {
    if (error instanceof CandleFileError) {
      io.stderr(`vigil indicators: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    if (isMissingFile(error)) {
      io.stderr(`vigil indicators: cannot read ${file}: ${(error as Error).message}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
  const set = new IndicatorSet();
  const rows = candles.map((candle) => taLibValues(set.update(candle)));
  if (values.json === true) {
    const body = rows.map((row) => JSON.stringify(row)).join(',\n');
    io.stdout(rows.length === 0 ? '[]\n' : `[\n${body}\n]\n`);
  } else {
    const lines = [TA_LIB_INDICATOR_KEYS.join(',')];
    for (const row of rows) {
      lines.push(
        TA_LIB_INDICATOR_KEYS.map((key) => (row[key] === null ? '' : String(row[key]))).join(','),
      );
    }
    io.stdout(`${lines.join('\n')}\n`);
  }
  return EXIT_OK;
}

function isMissingFile(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES';
}
