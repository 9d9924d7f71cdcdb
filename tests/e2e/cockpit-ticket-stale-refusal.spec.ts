import { collectConsoleErrors } from './console-guard';
import { expect, test } from './host-fixture';
import { submitTicket } from './ticket';

// A refusal is about the order it answered. Once the ticket shows another market (a row picked
// on the board), the old refusal must not sit under it as if the new market had been refused;
// what the trader typed stays.
test('a ticket refusal goes when the ticket moves to another market; the typed figures stay', async ({
  page,
  host,
}) => {
  const errors = collectConsoleErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await expect(page.getByTestId('signal-row').first()).toBeVisible({ timeout: 10_000 });
  await submitTicket(page, { symbol: 'BTC/USDT', qty: '0.01', price: '-8000' });
  await expect(page.getByTestId('ticket-refusal')).toContainText('Limit price');

  await page
    .locator('[data-testid="signal-row"][data-symbol="ETH/USDT"][data-timeframe="4h"]')
    .click();
  await expect(page.getByTestId('ticket-symbol')).toHaveValue('ETH/USDT');
  await expect(page.getByTestId('ticket-refusal')).toHaveCount(0);
  await expect(page.getByTestId('ticket-market')).toContainText('tick');
  await expect(page.getByTestId('ticket-qty')).toHaveValue('0.01');
  await expect(page.getByTestId('ticket-price')).toHaveValue('-8000');
  expect(errors).toEqual([]);
});
