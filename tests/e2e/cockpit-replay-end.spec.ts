import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, freshHostTest as test } from './host-fixture';
import { collectConsoleErrors } from './console-guard';
import { submitTicket } from './ticket';

test.setTimeout(90_000);

const shot = (name: string): { path: string; fullPage: boolean } => ({
  path: `test-results/screenshots/${name}.png`,
  fullPage: true,
});

/**
 * The bundled replay played to its last bar with a bracketed paper position open: the end of
 * the data is a known state (the feed says it finished), not quotes gone stale, so no kill
 * fires and the position keeps its protective stop at the paper venue.
 */
test('the replay played to its end with a position open: no kill, the stop still working, the cockpit says the replay finished', async ({
  page,
  freshHost: host,
}) => {
  const errors = collectConsoleErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(host.url);
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  await pause.click();
  await expect(pause).toHaveAttribute('aria-pressed', 'true');
  // Paused, the market order fills at once at the last price. The bracket's legs lie far
  // outside the data's BTC range (about 6,000 to 10,000), so both are still working at the end.
  await submitTicket(page, {
    symbol: 'BTC/USDT',
    qty: '0.01',
    stopLoss: '1000',
    takeProfit: '100000',
  });
  await expect(page.getByTestId('ticket-refusal')).toHaveCount(0);
  await expect(page.getByTestId('position-row')).toHaveCount(1);
  await expect(page.getByTestId('open-orders-count')).toHaveText('2');

  await page.getByTestId('replay-speed').selectOption('max');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByTestId('replay-finished')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'ENDED');
  await expect(page.getByTestId('feed-status')).toContainText('FINISHED');

  // No kill: still RUNNING, the position and both legs are there, the stop working.
  await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
  await expect(page.getByTestId('kill-state')).toHaveCount(0);
  await expect(page.getByTestId('position-row')).toHaveCount(1);
  await expect(page.getByTestId('open-orders-count')).toHaveText('2');
  const stop = page.getByTestId('order-row').filter({ hasText: 'Stop' });
  await expect(stop).toHaveAttribute('data-state', 'OPEN');
  await page.screenshot(shot('replay-finished-1280x720'));
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot(shot('replay-finished-1920x1080'));

  // What the paper venue itself shows, asked by `vigil status` through the running host.
  const { stdout } = await promisify(execFile)(process.execPath, [
    'bin/vigil.mjs',
    'status',
    '--json',
    '--data-dir',
    host.dataDir,
  ]);
  expect(JSON.parse(stdout)).toMatchObject({
    controlMode: 'RUNNING',
    openOrders: 2,
    positions: 1,
    kill: null,
  });
  expect(errors).toEqual([]);
});
