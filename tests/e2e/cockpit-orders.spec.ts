import { expect, test } from './host-fixture';
import { collectConsoleErrors } from './console-guard';

test('a paper limit order is placed, shown working, and cancelled; a refusal shows its reason', async ({
  page,
  host,
}) => {
  const errors = collectConsoleErrors(page);
  await page.goto(host.url);
  await expect(page.getByTestId('trading-mode')).toHaveText('PAPER');
  await expect(page.getByTestId('equity')).not.toHaveText('—');

  await page.getByTestId('ticket-symbol').fill('BTC/USDT');
  await page.getByTestId('ticket-buy').click();
  await page.getByTestId('ticket-qty').fill('0.01');
  await page.getByTestId('ticket-price').fill('5000');
  await page.getByTestId('ticket-submit').click();
  await expect(page.getByTestId('ticket-refusal')).toHaveCount(0);
  const row = page.getByTestId('order-row').first();
  await expect(row).toHaveAttribute('data-state', /OPEN|SUBMITTED/);
  await expect(row).toContainText('BTC/USDT');
  await page.screenshot({ path: 'test-results/screenshots/orders-working.png', fullPage: true });

  await row.getByTestId('cancel-order').click();
  await expect(row).toHaveAttribute('data-state', 'CANCELED');

  // Below the venue's minimum: the exchange-style reason is shown under the ticket.
  await page.getByTestId('ticket-qty').fill('0.00001');
  await page.getByTestId('ticket-submit').click();
  await expect(page.getByTestId('ticket-refusal')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/orders-refused.png', fullPage: true });
  expect(errors).toEqual([]);
});
