import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { collectConsoleErrors } from './console-guard';
import { expect, freshHostTest as test } from './host-fixture';

const run = promisify(execFile);
test.setTimeout(120_000);

// The bundled replay (real Binance candles, May-June 2018) starts uncalibrated; `vigil
// calibrate` (the built CLI, through the running host) fits it walk-forward on the same
// folder. On this data ETH/USDT 1h is the market timeframe whose calibration beats the base
// rate out of sample (580 forecasts); BTC/USDT 1h does not. No fixture: the real fit decides.
test('the board says uncalibrated next to P until a calibration that beats the base rate, then shows calibrated P', async ({
  page,
  freshHost: host,
}) => {
  const errors = collectConsoleErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  const row = (symbol: string, timeframe: string) =>
    page.locator(
      `[data-testid="signal-row"][data-symbol="${symbol}"][data-timeframe="${timeframe}"]`,
    );
  const eth = row('ETH/USDT', '1h');
  const btc = row('BTC/USDT', '1h');
  await expect(eth).toBeVisible({ timeout: 60_000 });
  // Before: every P on the board is the prior, and says so; nothing is PRIME.
  const cells = page.getByTestId('signal-p');
  await expect.poll(() => cells.count()).toBeGreaterThanOrEqual(6);
  for (const cell of await cells.all()) {
    await expect(cell).toHaveAttribute('data-calibrated', 'false');
    await expect(cell).toContainText('uncalibrated');
  }
  await expect(page.locator('[data-testid="signal-row"][data-tier="PRIME"]')).toHaveCount(0);
  await eth.click();
  await expect(page.getByTestId('signal-calibration')).toContainText(
    'uncalibrated: the prior mapping',
  );
  await expect(page.getByTestId('calibration-none')).toContainText('run vigil calibrate');
  await page.screenshot({ path: 'test-results/screenshots/calibration-before-1280x800.png' });

  const cli = await run(process.execPath, [
    'bin/vigil.mjs',
    'calibrate',
    '--data',
    'resources/data',
    '--data-dir',
    host.dataDir,
  ]);
  expect(cli.stdout).toContain('binance ETH/USDT 1h  USED: beats the base rate out of sample');
  expect(cli.stdout).toContain('stored by the running Vigil: its board uses it now');

  // After, without a restart: ETH/USDT 1h shows a calibrated P; BTC/USDT 1h still says not.
  await expect(eth.getByTestId('signal-p')).toHaveAttribute('data-calibrated', 'true');
  await expect(eth.getByTestId('signal-p')).not.toContainText('uncalibrated');
  await expect(eth.getByTestId('signal-p')).toHaveText(/^\d+\.\d%$/);
  await expect(btc.getByTestId('signal-p')).toContainText('uncalibrated');
  await eth.click();
  const detail = page.getByTestId('signal-calibration');
  await expect(detail).toHaveAttribute('data-calibrated', 'true');
  await expect(detail).toContainText('calibrated win chance');
  await expect(page.getByTestId('calibration-scores')).toContainText(
    /Out of sample \(580 signals, 5 walk-forward folds\): Brier 0\.\d{4} vs base rate 0\.\d{4}/,
  );
  await expect(page.getByTestId('reliability-diagram').locator('circle')).not.toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/calibration-after-1280x800.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'test-results/screenshots/calibration-after-1920x1080.png' });

  // The market that did not beat the base rate says why, with its scores.
  await btc.click();
  await expect(page.getByTestId('signal-calibration')).toContainText('uncalibrated');
  await expect(page.getByTestId('calibration-scores')).toContainText('does not beat the base rate');
  await page.screenshot({
    path: 'test-results/screenshots/calibration-uncalibrated-1920x1080.png',
  });

  // The ? overlay says what P means and what uncalibrated does to the tier.
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-calibration')).toContainText('at most WATCH (never PRIME');
  await page.screenshot({ path: 'test-results/screenshots/calibration-help-1920x1080.png' });
  expect(errors).toEqual([]);
});
