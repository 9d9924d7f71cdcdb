import { readFileSync } from 'node:fs';
import {
  InvalidInputError,
  type FieldIssue,
} from '../../../../src-shared/contract/command-refusal';
import type { BacktestRequest } from '../../../../src-shared/contract/backtest';
import { planBacktest } from '../../../engine/backtest/backtest-plan';
import {
  BacktestCancelledError,
  type BacktestProgressUpdate,
} from '../../../engine/backtest/backtest-result';
import type { RunBacktest } from '../../../engine/backtest/backtest-service';
import { backtestInWorker } from '../../../engine/backtest/backtest-worker-client';
import { formatMoney } from '../../../engine/reports/report-format';
import { Money } from '../../../engine/reports/money';
import { readStoredCalibrations } from '../../../engine/scanner/calibration/stored-calibrations';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { parseFlags } from '../parse-flags';
import { reportFileFlags, writeReportFiles } from '../report-files';
import { parseTimeframes } from './scan';

/** Ctrl-C: the run stops between two bar closes and nothing is written. */
export const EXIT_CANCELLED = 130;

export interface BacktestCommandDeps {
  readonly run: RunBacktest;
}

/** Reads a JSON settings file; a missing or malformed one is named with what is wrong. */
function readJson(flag: string, file: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidInputError('backtest', [
      { path: flag, message: `not readable as JSON: ${(error as Error).message}` },
    ]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new InvalidInputError('backtest', [{ path: flag, message: 'must hold one JSON object' }]);
  return raw as Record<string, unknown>;
}

/** "risk.maxLeverage: Too big" -> "--risk limits.json: maxLeverage: Too big". */
function issueLine(issue: FieldIssue, files: { risk?: string; scanner?: string }): string {
  const [head, ...rest] = issue.path.split('.');
  const file = head === 'risk' || head === 'scanner' ? files[head] : undefined;
  if (file !== undefined) {
    const field = rest.length > 0 ? `${rest.join('.')}: ` : '';
    return `--${head} ${file}: ${field}${issue.message}`;
  }
  return `--${issue.path}: ${issue.message}`;
}

/** What a progress line says, by stage and by 5% of the run (a line only when it changes). */
function progressStep(update: BacktestProgressUpdate): string {
  return `${update.stage}:${Math.floor(update.fraction * 20)}`;
}

function progressLine(update: BacktestProgressUpdate): string | null {
  if (update.stage === 'loading') return 'backtest: loading the candle files\n';
  if (update.stage === 'reporting') return 'backtest: writing the report\n';
  if (update.stage !== 'replaying' || update.at === null) return null;
  const at = new Date(update.at).toISOString().slice(0, 16).replace('T', ' ');
  const percent = Math.floor(update.fraction * 20) * 5;
  return `backtest: ${percent}% (reached ${at} UTC)\n`;
}

/**
 * `vigil backtest`: what Vigil would have done on a folder of candles, on the engine's own
 * pieces (see src-main/engine/backtest/run-backtest.ts), in a worker thread. Progress goes to
 * stderr; Ctrl-C cancels cleanly (exit 130, nothing written). Writes the monthly export's PDF
 * (and its CSVs with --csv); --json prints the metrics as one object on stdout.
 */
export async function backtestCommand(
  args: readonly string[],
  io: CliIo,
  deps: BacktestCommandDeps = { run: backtestInWorker },
): Promise<number> {
  const { values } = parseFlags(args, {
    data: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    timeframes: { type: 'string' },
    risk: { type: 'string' },
    scanner: { type: 'string' },
    autopilot: { type: 'string' },
    account: { type: 'string' },
    out: { type: 'string' },
    csv: { type: 'string' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
  });
  if (values.data === undefined || values.data === '')
    throw new UsageError('--data DIR is required');
  const out = reportFileFlags(values.out, values.csv);
  const autopilot = values.autopilot ?? 'prime';
  if (autopilot !== 'prime' && autopilot !== 'off')
    throw new UsageError(`--autopilot must be 'prime' or 'off', got '${autopilot}'`);
  const account = values.account ?? 'spot';
  if (account !== 'spot' && account !== 'margin')
    throw new UsageError(`--account must be 'spot' or 'margin', got '${account}'`);
  const files = {
    ...(values.risk === undefined ? {} : { risk: values.risk }),
    ...(values.scanner === undefined ? {} : { scanner: values.scanner }),
  };
  let plan;
  try {
    const request: BacktestRequest = {
      data: values.data,
      autopilot,
      account,
      ...(values.from === undefined ? {} : { from: values.from }),
      ...(values.to === undefined ? {} : { to: values.to }),
      ...(values.timeframes === undefined
        ? {}
        : { timeframes: parseTimeframes(values.timeframes) }),
      ...(values.risk === undefined ? {} : { risk: readJson('risk', values.risk) }),
      ...(values.scanner === undefined ? {} : { scanner: readJson('scanner', values.scanner) }),
    };
    plan = planBacktest(
      request,
      null,
      readStoredCalibrations(resolveDataDir(values['data-dir'], io)),
    );
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    for (const issue of error.fields) io.stderr(`vigil backtest: ${issueLine(issue, files)}\n`);
    return EXIT_FAILURE;
  }

  const abort = new AbortController();
  void io.stopSignal.then(() => abort.abort());
  // A line per 5% of the run (and one per stage), never the same line twice.
  let lastStep = '';
  let result;
  try {
    result = await deps.run(plan, {
      signal: abort.signal,
      onProgress: (update) => {
        const step = progressStep(update);
        const line = progressLine(update);
        if (line === null || step === lastStep) return;
        lastStep = step;
        io.stderr(line);
      },
    });
  } catch (error) {
    if (error instanceof BacktestCancelledError) {
      io.stderr('vigil backtest: cancelled; nothing was written\n');
      return EXIT_CANCELLED;
    }
    if (error instanceof InvalidInputError) {
      for (const issue of error.fields) io.stderr(`vigil backtest: ${issueLine(issue, files)}\n`);
      return EXIT_FAILURE;
    }
    io.stderr(`vigil backtest: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
  const written = writeReportFiles(out, values.csv, {
    pdf: result.pdf,
    lots: result.lotsCsv,
    fills: result.fillsCsv,
  });
  const m = result.metrics;
  if (values.json === true) io.stdout(`${JSON.stringify(m)}\n`);
  else {
    const money = (text: string): string => formatMoney(new Money(text));
    io.stdout(
      `backtest ${m.from} – ${m.to} (${m.timeZone}), ${m.candles} candles: ${m.trades} trades, realized ${money(m.realizedPnl)} ${m.currency}, fees ${money(m.fees)} ${m.currency}, max drawdown ${m.maxDrawdownPct === null ? 'n/a' : `${m.maxDrawdownPct.toFixed(2)}%`}\n`,
    );
    for (const file of written) io.stdout(`wrote ${file}\n`);
  }
  return EXIT_OK;
}
