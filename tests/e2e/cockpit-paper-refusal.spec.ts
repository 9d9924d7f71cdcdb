import { collectConsoleErrors } from './console-guard';
import { expect, freshHostTest as test } from './host-fixture';
import { submitTicket } from './ticket';

test.setTimeout(120_000);

// The paper venue's own refusal reaches the ticket in words with its figures, no exchange code:
// a spot account selling BTC it does not hold.
test('a paper venue refusal reads what was refused and why, with the figures', async ({
  page,
  freshHost: host,
}) => {
  const errors = collectConsoleErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await expect(page.getByTestId('ticket-panel')).toBeVisible();
  await page.getByTestId('ticket-sell').click();
  await submitTicket(page, { symbol: 'BTC/USDT', qty: '0.01' });
  const refusal = page.getByTestId('ticket-refusal');
  await expect(refusal).toHaveText(
    'Rejected: paper: selling 0.01 BTC/USDT needs 0.01 BTC, the account has 0 BTC free',
  );
  await expect(refusal).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: 'test-results/screenshots/paper-refusal-1280x800.png' });
  expect(errors).toEqual([]);
});
