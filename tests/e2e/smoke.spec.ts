import { expect, test } from './host-fixture';

test('the cockpit shell shows PAPER and live engine status', async ({ page, host }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));

  await page.goto(host.url);
  await expect(page.getByTestId('trading-mode')).toHaveText('PAPER');
  await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
  await expect(page.getByTestId('connection')).toHaveText('connected');
  await expect(page.getByText(`Data folder: ${host.dataDir}`)).toBeVisible();

  // Uptime comes from the engine's heartbeat, so it must change without any interaction.
  const uptime = page.getByTestId('uptime');
  await expect(uptime).not.toHaveText('—');
  const first = await uptime.textContent();
  await expect(uptime).not.toHaveText(first ?? '');

  // The token is removed from the address bar once used.
  expect(page.url()).not.toContain('token=');

  for (const panel of [
    'Signals',
    'Signal detail',
    'Chart',
    'Kill switch',
    'New order',
    'Trading mode',
    'Risk',
    'Positions & orders',
  ]) {
    await expect(page.getByRole('region', { name: panel })).toBeVisible();
  }
  await page.screenshot({ path: 'test-results/screenshots/shell.png', fullPage: true });
  expect(consoleErrors).toEqual([]);
});
