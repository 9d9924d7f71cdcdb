import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { SHARED_CANDLES_DIR } from '../support/candle-data';
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
  await expect(page.getByTestId('calibration-none')).toContainText(
    'Calibrate P in the Backtest drawer, or run vigil calibrate',
  );
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

// The same fit from the cockpit: Calibrate in the Backtest drawer runs the engine's calibration
// worker through the running host, shows its progress, can be cancelled (nothing stored), and
// then lists each market and timeframe's out-of-sample scores and whether the board uses it.
test('Calibrate in the Backtest drawer: progress, Cancel stores nothing, then a run the board uses at once', async ({
  page,
  freshHost: host,
}) => {
  const errors = collectConsoleErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  const eth = page.locator(
    '[data-testid="signal-row"][data-symbol="ETH/USDT"][data-timeframe="1h"]',
  );
  await expect(eth.getByTestId('signal-p')).toHaveAttribute('data-calibrated', 'false', {
    timeout: 60_000,
  });
  await page.getByTestId('open-backtest').click();
  const panel = page.getByTestId('calibrate-panel');
  await expect(panel.getByTestId('calibration-results-none')).toContainText(
    'No calibration stored yet',
  );

  // Cancel: on the shared folder of real candles (many markets, seconds of work), the run is
  // stopped while it reports its progress; nothing of it is stored.
  await panel.getByTestId('calibrate-data').fill(SHARED_CANDLES_DIR);
  await panel.getByTestId('run-calibration').click();
  await expect(panel.getByTestId('calibration-progress-text')).toContainText(
    /\d+ of \d+ market timeframes/,
  );
  await expect(panel.getByTestId('calibration-progress')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/calibrate-running-1280x800.png' });
  await panel.getByTestId('cancel-calibration').click();
  await expect(panel.getByTestId('calibration-message')).toContainText(
    'calibration cancelled: nothing was stored',
  );
  await expect(panel.getByTestId('calibration-results-none')).toBeVisible();
  await expect(eth.getByTestId('signal-p')).toHaveAttribute('data-calibrated', 'false');

  // A run on the replay the host plays (the field left empty), to the end.
  await panel.getByTestId('calibrate-data').fill('');
  await panel.getByTestId('run-calibration').click();
  await expect(panel.getByTestId('calibration-run-summary')).toContainText(
    `Calibrated on ${resolve('resources/data')}: 1 of 9 market timeframes beat the base rate and are used now`,
  );
  await expect(panel.getByTestId('calibration-progress')).toHaveCount(0);
  const result = (symbol: string, timeframe: string) =>
    panel.locator(
      `[data-testid="calibration-result"][data-symbol="${symbol}"][data-timeframe="${timeframe}"]`,
    );
  await expect(panel.getByTestId('calibration-result')).toHaveCount(9);
  await expect(result('ETH/USDT', '1h')).toHaveAttribute('data-used', 'true');
  await expect(result('ETH/USDT', '1h')).toContainText('580');
  await expect(result('ETH/USDT', '1h').getByTestId('calibration-used')).toHaveText('USED');
  await expect(result('BTC/USDT', '1h')).toHaveAttribute('data-used', 'false');
  await expect(result('BTC/USDT', '1h').getByTestId('calibration-used')).toContainText(
    /^not used: out-of-sample Brier 0\.\d{4} does not beat the base rate's 0\.\d{4}$/,
  );
  await page.screenshot({ path: 'test-results/screenshots/calibrate-done-1280x800.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'test-results/screenshots/calibrate-done-1920x1080.png' });

  // The board uses it without a restart: ETH/USDT 1h's P is a calibrated win chance now.
  await page.keyboard.press('Escape');
  await expect(eth.getByTestId('signal-p')).toHaveAttribute('data-calibrated', 'true');
  await expect(eth.getByTestId('signal-p')).not.toContainText('uncalibrated');
  expect(errors).toEqual([]);
});
