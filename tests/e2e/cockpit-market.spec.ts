import { expect, test } from './host-fixture';
import { collectConsoleErrors } from './console-guard';

test.setTimeout(120_000);

test('the bundled replay fills the symbol list and the chart, live, with working controls', async ({
  page,
  host,
}) => {
  const errors = collectConsoleErrors(page);
  await page.goto(host.url);
  await expect(page.getByTestId('trading-mode')).toHaveText('PAPER');
  // The scanner is warm before anything plays: the board, not the bare symbol list, shows.
  await expect(page.getByTestId('signal-row').first()).toBeVisible();
  // A replay never calls itself LIVE.
  await expect(page.getByTestId('feed-status')).toContainText(/REPLAY|CONNECTING/);
  await expect(page.getByTestId('feed-status')).not.toContainText('LIVE');

  // The replay starts after its warm-up history: the chart has candles before anything plays.
  await page.keyboard.press('/');
  await page.getByTestId('symbol-search').fill('ETH/BTC');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chart-symbol')).toContainText('ETH/BTC');
  await page.getByTestId('tf-1h').click();
  const chart = page.getByTestId('price-chart');
  await expect.poll(async () => Number(await chart.getAttribute('data-bars'))).toBeGreaterThan(200);
  const before = Number(await chart.getAttribute('data-bars'));
  // Bar closes arrive while we watch: the same chart element grows, nothing is re-created.
  // Tag the chart's own root element; if the chart were re-created the tag would be gone.
  await chart.evaluate((el) => el.firstElementChild?.setAttribute('data-probe', 'same-chart'));
  await page.getByTestId('replay-speed').selectOption('max');
  await expect
    .poll(async () => Number(await chart.getAttribute('data-bars')))
    .toBeGreaterThan(before);
  await expect(chart.locator('> [data-probe="same-chart"]')).toHaveCount(1);
  const pausedAt = Date.now();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
    { timeout: 60_000 },
  );
  console.log(`pause confirmed in the UI after ${Date.now() - pausedAt} ms at max replay speed`);
  await page.screenshot({ path: 'test-results/screenshots/chart-eth-btc-1h.png', fullPage: true });

  // Restart: back to the start of the replay; the chart reloads there (epoch changed).
  const movedTo = (await page.getByTestId('replay-time').textContent()) ?? '';
  await page.getByTestId('replay-restart').click();
  await expect(page.getByTestId('replay-time')).toHaveText('2018-05-18 22:00 UTC');
  expect(movedTo).not.toBe('2018-05-18 22:00 UTC');
  await expect.poll(async () => Number(await chart.getAttribute('data-bars'))).toBe(256);
  // A day back from there, and a day forward again.
  await page.getByTestId('replay-rewind').click();
  await expect(page.getByTestId('replay-time')).toHaveText('2018-05-17 22:00 UTC');
  await page.getByTestId('replay-forward').click();
  await expect(page.getByTestId('replay-time')).toHaveText('2018-05-18 22:00 UTC');
  // The slider moves in hours; released, it seeks there.
  await page.getByTestId('replay-position').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('replay-time')).toHaveText('2018-05-18 23:00 UTC');
  await page.getByTestId('replay-position').blur(); // keys go to the cockpit's shortcuts again

  // Symbol search by keyboard, then a timeframe key.
  await page.keyboard.press('/');
  await page.getByTestId('symbol-search').fill('ETH/USDT');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chart-symbol')).toContainText('ETH/USDT');
  await page.keyboard.press('4');
  await expect(page.getByTestId('tf-1h')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => Number(await chart.getAttribute('data-bars'))).toBeGreaterThan(60);
  await page.getByRole('button', { name: 'MACD' }).click();
  await page.screenshot({
    path: 'test-results/screenshots/chart-eth-usdt-1h-macd.png',
    fullPage: true,
  });
  expect(errors).toEqual([]);
});
