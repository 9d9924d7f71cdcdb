import { expect, test } from './host-fixture';
import { collectConsoleErrors } from './console-guard';

test('a paper limit order is placed, shown working, and cancelled; gate refusals show rule and numbers', async ({
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
  await page.getByTestId('ticket-stop-loss').fill('4900');
  await page.getByTestId('ticket-take-profit').fill('5500');
  await page.getByTestId('ticket-submit').click();
  await expect(page.getByTestId('ticket-refusal')).toHaveCount(0);
  const row = page.getByTestId('order-row').first();
  await expect(row).toHaveAttribute('data-state', /OPEN|SUBMITTED/);
  await expect(row).toContainText('BTC/USDT');
  // Price at the market's tick with separators; the bracket's role and the order's time show.
  await expect(row).toContainText('5,000.00');
  await expect(row.getByTestId('order-role')).toHaveText('Entry');
  await expect(row.getByTestId('order-fill-price')).toHaveText('—');
  await page.screenshot({ path: 'test-results/screenshots/orders-working.png', fullPage: true });

  await row.getByTestId('cancel-order').click();
  await expect(row).toHaveAttribute('data-state', 'CANCELED');

  // Far too large for the account: the risk gate refuses it with the rule and its numbers.
  await page.getByTestId('ticket-qty').fill('100');
  await page.getByTestId('ticket-submit').click();
  await expect(page.getByTestId('ticket-refusal')).toContainText(
    'Risk per trade: risk to stop 10000.00 exceeds 200.00 (2% of equity)',
  );
  await expect(page.getByTestId('order-row').first()).toHaveAttribute('data-state', 'REJECTED');

  // A tight stop keeps the risk small, but the notional is far beyond the per-symbol share.
  await page.getByTestId('ticket-stop-loss').fill('4999.9');
  await page.getByTestId('ticket-submit').click();
  await expect(page.getByTestId('ticket-refusal')).toContainText(
    'Per-symbol limit: BTC/USDT notional would be 500000.00, limit 10000.00 (100% of equity)',
  );
  await page.screenshot({ path: 'test-results/screenshots/orders-refused.png', fullPage: true });
  expect(errors).toEqual([]);
});
