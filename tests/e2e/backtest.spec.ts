import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEFAULT_SCANNER_CONFIG } from '../../src-main/engine/scanner/scoring/scanner-config';
import { storePriorAsCalibrated } from '../support/calibration-fixture';
import { SHARED_CANDLES_DIR } from '../support/candle-data';
import { expect, freshHostTest as test } from './host-fixture';

// The Backtest panel of `vigil serve`, on the bundled replay. Its signals never reach the
// default PRIME entry (0.80), so the panel enters PRIME at 0.60 and holds at 0.55, and the CLI
// run it is compared with gets the same scanner settings and the cockpit's own risk limits.
// Only a calibrated P can be PRIME: the host's data folder gets the test fixture that stores
// the prior as each bundled market's calibration, which the cockpit's backtest copies from the
// engine and the CLI's (`--data-dir`) from the same folder.

async function openAndFill(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('connection')).toHaveText('connected');
  await page.getByTestId('open-backtest').click();
  const drawer = page.getByTestId('backtest-drawer');
  await expect(drawer.getByTestId('backtest-data')).toHaveAttribute(
    'placeholder',
    /bundled replay/,
  );
  await drawer.getByTestId('backtest-prime-enter').fill('0.60');
  await drawer.getByTestId('backtest-prime-stay').fill('0.55');
}

async function download(page: Page, testId: string): Promise<Buffer> {
  const file = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  return readFileSync(await (await file).path());
}

test('a backtest from the cockpit shows progress, its figures and files, and agrees with the CLI byte for byte', async ({
  page,
  freshHost,
}) => {
  test.setTimeout(240_000);
  const work = mkdtempSync(join(tmpdir(), 'vigil-e2e-backtest-'));
  storePriorAsCalibrated(freshHost.dataDir, DEFAULT_SCANNER_CONFIG);
  try {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openAndFill(page, freshHost.url);
    // A margin account: short signals trade too (the CLI run below asks for the same).
    await page.getByTestId('backtest-account').selectOption('margin');
    await page.getByTestId('run-backtest').click();
    await expect(page.getByTestId('backtest-progress')).toBeVisible();
    await expect(page.getByTestId('cancel-backtest')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('backtest-running-1280x720.png') });
    const result = page.getByTestId('backtest-result');
    await expect(result).toBeVisible({ timeout: 180_000 });
    await expect(page.getByTestId('backtest-period')).toHaveText('2018-05-18 – 2018-06-18 (UTC)');
    await page.screenshot({ path: test.info().outputPath('backtest-done-1280x720.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: test.info().outputPath('backtest-done-1920x1080.png') });

    const metrics = JSON.parse(
      (await download(page, 'backtest-save-metrics-json')).toString('utf8'),
    ) as {
      trades: number;
      fees: string;
      realizedPnl: string;
      openPositions: Array<{ symbol: string; direction: string; quantity: string }>;
    };
    // On a spot account these settings make 2 trades (the CLI test); shorts add the rest.
    expect(metrics.trades).toBeGreaterThanOrEqual(6);
    await expect(page.getByTestId('backtest-trades')).toContainText(`${metrics.trades} (`);
    // The run ends with a position open: the panel says which, at the last close.
    const [open] = metrics.openPositions;
    expect(open).toBeDefined();
    await expect(page.getByTestId('backtest-open-at-end')).toContainText(
      `${open?.symbol} ${open?.direction} ${open?.quantity} at `,
    );
    const pdf = await download(page, 'backtest-save-pdf');
    const lots = await download(page, 'backtest-save-lots-csv');

    // The same run from a terminal: the cockpit's risk limits, the same scanner settings.
    const vigil = (args: string[]): string =>
      execFileSync(process.execPath, ['bin/vigil.mjs', ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const riskFile = join(work, 'risk.json');
    writeFileSync(riskFile, vigil(['risk', 'show', '--json', '--data-dir', freshHost.dataDir]));
    const scannerFile = join(work, 'scanner.json');
    writeFileSync(scannerFile, JSON.stringify({ tiers: { primeEnter: 0.6, primeStay: 0.55 } }));
    const out = join(work, 'cli.pdf');
    const csv = join(work, 'cli.csv');
    const printed = vigil([
      'backtest',
      '--data',
      'resources/data',
      '--risk',
      riskFile,
      '--scanner',
      scannerFile,
      '--account',
      'margin',
      '--out',
      out,
      '--csv',
      csv,
      '--json',
      '--data-dir',
      freshHost.dataDir,
    ]);
    expect(JSON.parse(printed)).toEqual(metrics);
    expect(readFileSync(out).equals(pdf)).toBe(true);
    expect(readFileSync(csv).equals(lots)).toBe(true);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('on a spot account the plans not sent are counted by cause, each with its first reason', async ({
  page,
  freshHost,
}) => {
  test.setTimeout(120_000);
  storePriorAsCalibrated(freshHost.dataDir, DEFAULT_SCANNER_CONFIG);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAndFill(page, freshHost.url);
  // Spot: the short plans are refused by the paper venue (no coins to sell), each refusal
  // with its own quantities; the panel groups them under one cause (the CLI test counts 8).
  await page.getByTestId('run-backtest').click();
  await expect(page.getByTestId('backtest-result')).toBeVisible({ timeout: 90_000 });
  const causes = page.getByRole('list', { name: 'Plans not sent' }).getByRole('listitem');
  await expect(causes).toHaveCount(1);
  await expect(causes.first().locator('strong')).toHaveText(/^\d+ × refused at send$/);
  await expect(causes.first()).toContainText(
    /first: refused at send: paper: selling [\d.]+ [A-Z]+\/[A-Z]+ needs /,
  );
  await page.screenshot({ path: test.info().outputPath('backtest-skipped-1280x800.png') });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: test.info().outputPath('backtest-skipped-1920x1080.png') });
});

test('Cancel stops a running backtest and says so', async ({ page, freshHost }) => {
  test.setTimeout(120_000);
  // The bundled replay backtests in about a second now: Cancel must land while the run plays,
  // so this run gets the shared data's Bittrex 1m and 5m series (8 markets, about 150,000
  // candles), which takes many times longer than the click.
  const data = mkdtempSync(join(tmpdir(), 'vigil-e2e-backtest-long-'));
  for (const name of readdirSync(SHARED_CANDLES_DIR))
    if (/^bittrex_[A-Z]+-BTC_(1m|5m)\.csv$/.test(name))
      copyFileSync(join(SHARED_CANDLES_DIR, name), join(data, name));
  await openAndFill(page, freshHost.url);
  await page.getByTestId('backtest-drawer').getByTestId('backtest-data').fill(data);
  await page.getByTestId('run-backtest').click();
  await expect(page.getByTestId('backtest-progress')).toBeVisible();
  await page.getByTestId('cancel-backtest').click();
  await expect(page.getByTestId('backtest-message')).toContainText('backtest cancelled');
  await expect(page.getByTestId('run-backtest')).toBeEnabled();
  await expect(page.getByTestId('backtest-result')).toHaveCount(0);
  rmSync(data, { recursive: true, force: true });
});
