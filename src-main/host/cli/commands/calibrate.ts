import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { systemClock } from '../../../engine/clock';
import { calibrateFolder } from '../../../engine/scanner/calibration/calibrate-folder';
import { formatCalibrationRun } from '../../../engine/scanner/calibration/calibration-format';
import { calibrationHandlers } from '../../../engine/scanner/calibration/calibration-handlers';
import { CalibrationService } from '../../../engine/scanner/calibration/calibration-service';
import { CalibrationStore } from '../../../engine/scanner/calibration/calibration-store';
import { DEFAULT_SCANNER_CONFIG } from '../../../engine/scanner/scoring/scanner-config';
import { EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { openDataFolderClient } from '../data-folder-client';
import { parseFlags } from '../parse-flags';

/**
 * `vigil calibrate --data DIR`: fits the scanner's probability mapping walk-forward on a folder
 * of candle files, per market and timeframe, and stores each calibration in the engine's
 * store. Through the running app or host when there is one (its board re-grades at once),
 * else on the data folder directly with the same service (the next start uses it). Prints the
 * out-of-sample Brier score and log loss against the base rate and the reliability tables.
 */
export async function calibrateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, {
    data: { type: 'string' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
  });
  if (values.data === undefined || values.data === '')
    throw new UsageError('--data DIR is required');
  const data = resolve(values.data);
  if (!existsSync(data) || !statSync(data).isDirectory())
    throw new UsageError(`--data: no such folder: ${values.data}`);
  const { client, via, close } = await openDataFolderClient(
    resolveDataDir(values['data-dir'], io),
    ({ store, audit }) =>
      calibrationHandlers(
        new CalibrationService({
          store: new CalibrationStore(store.db),
          audit,
          clock: systemClock,
          config: DEFAULT_SCANNER_CONFIG,
          defaultData: () => null,
          // No kill switch in this process to keep responsive: the run happens right here.
          run: (dir, config, run) =>
            calibrateFolder(dir, config, undefined, (progress) => run.onProgress?.(progress)),
          changed: () => {},
        }),
      ),
  );
  try {
    const run = await client.call('calibrate', { data });
    if (values.json === true) {
      io.stdout(`${JSON.stringify(run)}\n`);
      return EXIT_OK;
    }
    io.stdout(formatCalibrationRun(run));
    io.stdout(
      via === 'host'
        ? 'stored by the running Vigil: its board uses it now\n'
        : 'stored in the data folder (no Vigil is running): the next start uses it\n',
    );
    return EXIT_OK;
  } finally {
    close();
  }
}
