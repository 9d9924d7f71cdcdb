import { collectConsoleErrors } from './console-guard';
import { expect, freshHostTest as test } from './host-fixture';

// The trader resets the paper account from the cockpit (Settings), as README says the cockpit
// does: a wrong balance is refused naming the field and keeps what was typed; the typed
// confirmation is needed; then the equity is the new balance, and margin is set up if asked.
test('Reset paper account from Settings: a bad balance is named and kept, then the account starts again at the typed balance', async ({
  page,
  freshHost: host,
}) => {
  const errors = collectConsoleErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await page.getByTestId('open-settings').click();
  const balance = page.getByTestId('paper-reset-balance');
  const confirm = page.getByTestId('paper-reset-confirm');
  const go = page.getByTestId('paper-reset-go');
  await expect(go).toBeDisabled();

  await balance.fill('5,000');
  await confirm.fill('RESET PAPER');
  await go.click();
  await expect(page.getByTestId('paper-reset-error')).toContainText('Starting balance');
  await expect(balance).toHaveValue('5,000');
  await expect(confirm).toHaveValue('RESET PAPER');
  await page.screenshot({ path: 'test-results/screenshots/paper-reset-refused-1280x800.png' });

  await balance.fill('5000');
  await page.getByTestId('paper-reset-margin').check();
  await go.click();
  await expect(page.getByTestId('paper-reset-done')).toHaveText(
    'Paper account reset to 5,000.00 USDT, set up for margin (shorts allowed).',
  );
  await expect(confirm).toHaveValue('');
  await page.getByTestId('settings-drawer').getByRole('button', { name: /close/i }).first().click();
  await expect(page.getByTestId('equity')).toHaveText('5,000.00');
  expect(errors).toEqual([]);
});
