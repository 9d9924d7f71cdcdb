import type { Page } from '@playwright/test';
import { expect, freshHostTest as test, type RunningHost } from './host-fixture';
import { collectConsoleErrors } from './console-guard';

// Each test has a host of its own: it starts at the replay's start, at the default 60x.

const shot = (name: string): { path: string; fullPage: boolean } => ({
  path: `test-results/screenshots/${name}.png`,
  fullPage: true,
});

test.setTimeout(90_000);

/**
 * The cockpit at 1280x800 with the replay paused: a market order then fills at once at the
 * last price, no waiting for the next bar.
 */
async function openPaused(page: Page, host: RunningHost): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  await pause.click();
  await expect(pause).toHaveAttribute('aria-pressed', 'true');
}

/** A market buy from the order ticket, with a bracket when given; refused orders fail the test. */
async function buyAtMarket(
  page: Page,
  symbol: string,
  qty: string,
  bracket?: { stopLoss: string; takeProfit: string },
): Promise<void> {
  await page.getByTestId('ticket-symbol').fill(symbol);
  await page.getByTestId('ticket-buy').click();
  await page.getByTestId('ticket-type').selectOption('market');
  await page.getByTestId('ticket-qty').fill(qty);
  if (bracket !== undefined) {
    await page.getByTestId('ticket-stop-loss').fill(bracket.stopLoss);
    await page.getByTestId('ticket-take-profit').fill(bracket.takeProfit);
  }
  await page.getByTestId('ticket-submit').click();
  await expect(page.getByTestId('ticket-refusal')).toHaveCount(0);
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`at ${size.width}x${size.height}, the board has signals within 10 s of opening the page, at the default 60x`, async ({
    page,
    freshHost: host,
  }) => {
    const errors = collectConsoleErrors(page);
    await page.setViewportSize(size);
    await page.goto(host.url);
    // Nothing is sped up: the replay plays at its default speed.
    const rows = page.getByTestId('signal-row');
    await expect(rows.first()).toBeVisible({ timeout: 10_000 });
    await expect(page.getByTestId('replay-speed')).toHaveValue('60x');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    const timeframes = await rows.evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-timeframe')),
    );
    expect(new Set(timeframes)).toEqual(new Set(['1h', '4h']));
    // The default chart has candles at once: the replay starts after its warm-up history.
    await expect(page.getByTestId('price-chart')).not.toHaveAttribute('data-bars', '0', {
      timeout: 10_000,
    });
    await page.screenshot(shot(`first-session-board-${size.width}x${size.height}`));
    expect(errors).toEqual([]);
  });
}

test('KILL without flatten, then the position gets its stop back and is closed while HALTED', async ({
  page,
  freshHost: host,
}) => {
  const errors = collectConsoleErrors(page);
  await openPaused(page, host);
  await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
  await expect(page.getByTestId('flatten-toggle')).not.toBeChecked();
  await buyAtMarket(page, 'ETH/USDT', '0.2', { stopLoss: '600', takeProfit: '900' });
  const position = page.getByTestId('position-row');
  await expect(position).toHaveCount(1);
  await expect(position).toContainText('ETH/USDT');
  await expect(page.getByTestId('open-orders-count')).toHaveText('2'); // the bracket's legs

  await page.getByTestId('kill-button').click();
  await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
  await expect(page.getByTestId('kill-state')).toHaveText('Kill complete');
  await expect(page.getByTestId('open-orders-count')).toHaveText('0');
  // Not flattened: the position is still there, naked. The kill panel offers the way out.
  await expect(position).toHaveCount(1);
  await expect(page.getByTestId('kill-positions-left')).toHaveText('1');
  await expect(page.getByTestId('flatten-now')).toBeVisible();
  await page.screenshot(shot('halted-with-position-1280x800'));

  await page.getByTestId('replace-stops').click();
  await expect(page.getByTestId('open-orders-count')).toHaveText('1');
  const stop = page.getByTestId('order-row').first();
  await expect(stop).toHaveAttribute('data-state', 'OPEN');
  await expect(stop).toContainText('Stop');
  // The kill panel does not call the trader's own reduce-only stop a leftover to cancel.
  await expect(page.getByTestId('kill-cross-check')).toHaveCount(0);

  // Adding exposure is still refused while HALTED; closing is not.
  await page.getByTestId('ticket-submit').click();
  await expect(page.getByTestId('ticket-refusal')).toContainText('HALTED');
  await position.getByTestId('close-position').click();
  await expect(position).toHaveCount(0);
  await expect(page.getByTestId('open-orders-count')).toHaveText('0');
  await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot(shot('halted-closed-1920x1080'));
  expect(errors).toEqual([]);
});

test('Flatten now after a KILL without flatten: the kill’s own close is shown working, never as one to cancel; pausing fills it', async ({
  page,
  freshHost: host,
}) => {
  const errors = collectConsoleErrors(page);
  await openPaused(page, host);
  await buyAtMarket(page, 'BTC/USDT', '0.01');
  const position = page.getByTestId('position-row');
  await expect(position).toHaveCount(1);

  // Playing at 1x: the next 1h bar is an hour away, so a market order rests.
  await page.getByTestId('replay-speed').selectOption('1x');
  await page.getByTestId('kill-button').click();
  await expect(page.getByTestId('kill-state')).toHaveText('Kill complete');
  await page.getByTestId('flatten-now').click();
  await expect(page.getByTestId('kill-closing-orders')).toContainText(
    '1 closing order from the kill is working',
  );
  await expect(page.getByTestId('kill-cross-check')).toHaveCount(0);
  await page.screenshot(shot('flatten-now-working-1280x800'));
  // Paused: no bar is coming, the kill's close fills at the last price and the kill completes.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(position).toHaveCount(0);
  await expect(page.getByTestId('kill-state')).toHaveText('Kill complete');
  await expect(page.getByTestId('kill-positions-left')).toHaveText('0');
  await expect(page.getByTestId('kill-closing-orders')).toHaveCount(0);
  expect(errors).toEqual([]);
});
