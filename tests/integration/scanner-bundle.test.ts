import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/host/cli/run-cli';
import { sharedCandleFile } from '../support/candle-data';
import { captureIo } from '../support/capture-io';
import { useTempDirs } from '../support/temp-dir';

describe('bundled CLI starts the scanner worker from out/cli', () => {
  const tempDir = useTempDirs();

  it('node out/cli/vigil.mjs scan prints the same bytes as the source run', async () => {
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'pipe' });
    expect(existsSync('out/cli/scanner-worker.mjs')).toBe(true);
    const dir = tempDir();
    for (const f of ['bittrex_XLM-BTC_5m.csv', 'binance_BTC-USDT_5m.csv'])
      copyFileSync(sharedCandleFile(f), join(dir, f));
    const bundled = execFileSync(
      process.execPath,
      ['out/cli/vigil.mjs', 'scan', '--data', dir, '--json'],
      {
        encoding: 'utf8',
      },
    );
    const io = captureIo();
    expect(await runCli(['scan', '--data', dir, '--json'], io)).toBe(0);
    expect(bundled).toBe(io.out.join(''));
  }, 120_000); // builds the CLI bundle, then two full replays
});
