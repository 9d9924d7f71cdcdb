import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { axeViolations } from './axe';
import { collectConsoleErrors } from './console-guard';
import { expect, launchHost, test } from './host-fixture';
import { submitTicket } from './ticket';

test.setTimeout(240_000);

async function openCockpitPaused(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('chart-symbol')).toContainText('BTC/USDT');
  await expect(page.getByTestId('price-chart')).not.toHaveAttribute('data-bars', '0', {
    timeout: 90_000,
  });
  const pause = page
    .getByTestId('replay-controls')
    .getByRole('button', { name: 'Pause', exact: true });
  if ((await pause.getAttribute('aria-pressed')) !== 'true') await pause.click();
  await expect(pause).toHaveAttribute('aria-pressed', 'true');
}

test('a paper trade closed in the cockpit is in the journal with its R and on the calendar; its note survives a restart', async ({
  browser,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-journal-'));
  let host = await launchHost({ dataDir });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors = collectConsoleErrors(page);
    await openCockpitPaused(page, host.url);
    const step = page.getByTestId('replay-controls').getByRole('button', { name: 'Step one bar' });

    // A bracketed buy from the ticket: the stop is the risk the R-multiple is measured in.
    await submitTicket(page, {
      symbol: 'BTC/USDT',
      qty: '0.02',
      stopLoss: '7000',
      takeProfit: '20000',
    });
    await expect(page.getByTestId('ticket-refusal')).toHaveCount(0);
    await step.click();
    const position = page.locator('[data-testid="position-row"][data-symbol="BTC/USDT"]');
    await expect(position).toBeVisible();
    await step.click();
    await step.click();
    await position.getByTestId('close-position').click();
    await expect(position).toHaveCount(0);

    await page.getByTestId('open-journal').click();
    const drawer = page.getByTestId('journal-drawer');
    const row = drawer.locator('[data-testid="journal-row"][data-symbol="BTC/USDT"]');
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('journal-r')).toHaveText(/^-?\d+\.\d{2}R$/);
    await expect(drawer.getByTestId('journal-stats')).toHaveText(
      /^ · [01] won, [01] lost \(\d+%\) · average -?\d+\.\d{2}R over 1 with a stop/,
    );
    const net = (await row.getByTestId('journal-net').textContent()) ?? '';
    expect(net).toMatch(/^[+-]?[\d,]+\.\d{2}$/);

    // The calendar shows the day the trade closed with that trade's net PnL, signed.
    const day = drawer.locator('[data-testid="pnl-day"]:not([disabled])');
    await expect(day).toHaveCount(1);
    await expect(day.locator('.pnl-figure')).toHaveText(net);
    await expect(day).toContainText('1 trade');
    await expect(drawer.getByTestId('pnl-month-total')).toContainText(net);

    // A note and tags, saved through the engine.
    await row.getByTestId('journal-open').click();
    await drawer
      .getByTestId('journal-note-text')
      .fill('Entered on the 4h breakout; closed by hand.');
    await drawer.getByTestId('journal-note-tags').fill('breakout, manual-exit');
    await drawer.getByTestId('journal-note-save').click();
    await expect(row.getByTestId('journal-note')).toContainText('#breakout');
    await expect(row.getByTestId('journal-note')).toContainText('closed by hand');
    expect(await axeViolations(page)).toEqual([]);

    await page.screenshot({ path: 'test-results/screenshots/journal-1280x720.png' });
    // The journal leaves the side column uncovered: KILL stays in view and clickable.
    await expect(page.getByTestId('kill-button')).toBeInViewport();
    // Nothing lies over the button: a trial click would fail on an element covering it.
    await page.getByTestId('kill-button').click({ trial: true, timeout: 5_000 });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: 'test-results/screenshots/journal-1920x1080.png' });

    // Filters: a tag the trade lacks hides it; a click on the day lists that day's trades.
    await drawer.getByTestId('journal-filter-tag').fill('nothing');
    await expect(row).toHaveCount(0);
    await drawer.getByTestId('journal-filter-tag').fill('');
    await day.click();
    await expect(row).toHaveCount(1);
    await expect(drawer.getByTestId('journal-filter-from')).toHaveValue(
      (await day.getAttribute('data-date')) ?? '',
    );
    expect(errors).toEqual([]);
    await page.close();

    // Restart the host on the same data folder: the note is still there.
    await host.stop();
    host = await launchHost({ dataDir });
    const again = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await again.goto(host.url);
    await again.getByTestId('open-journal').click();
    const kept = again.locator('[data-testid="journal-row"][data-symbol="BTC/USDT"]');
    await expect(kept.getByTestId('journal-note')).toContainText('#manual-exit');
    await expect(kept.getByTestId('journal-note')).toContainText('closed by hand');
    await again.close();
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
