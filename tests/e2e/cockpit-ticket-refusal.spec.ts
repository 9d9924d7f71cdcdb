import { collectConsoleErrors } from './console-guard';
import { expect, freshHostTest as test } from './host-fixture';
import { submitTicket } from './ticket';

test.setTimeout(120_000);

// A refused order says why under the ticket, in a slot the ticket always keeps: the Risk panel
// below it (the limit the refusal is usually about) stays where the trader's eyes were, at
// 1280x800 and 1920x1080 alike.
for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const) {
  const size = `${viewport.width}x${viewport.height}`;
  test(`a ticket refusal does not move the Risk panel at ${size}`, async ({
    page,
    freshHost: host,
  }) => {
    const errors = collectConsoleErrors(page);
    await page.setViewportSize(viewport);
    await page.goto(host.url);
    const risk = page.getByRole('region', { name: 'Risk', exact: true });
    // Measured once the column has loaded what sits above the Risk panel (the kill switch's
    // status, the ticket's market line) and the panel its limits: only the refusal changes then.
    await expect(page.getByTestId('kill-panel')).toContainText('No kill since the last re-arm.');
    await expect(page.getByTestId('ticket-panel')).toBeVisible();
    // The ticket's market line comes with the symbol list (the first market is selected then).
    await expect(page.getByTestId('ticket-market')).toContainText('tick ');
    await expect(risk.locator('.gauge').first()).toBeVisible();
    await expect(risk.getByText('Daily loss limit')).toBeVisible();
    const top = async (): Promise<number | undefined> => (await risk.boundingBox())?.y;
    const before = await top();
    expect(before).toBeDefined();
    // Far beyond the account: the risk gate refuses it with its rule and numbers.
    await submitTicket(page, {
      symbol: 'ETH/USDT',
      qty: '1000',
      price: '300',
      stopLoss: '290',
      takeProfit: '350',
    });
    const refusal = page.getByTestId('ticket-refusal');
    await expect(refusal).toContainText('Risk per trade');
    await expect(refusal).toBeInViewport({ ratio: 1 });
    // Nothing of it is cut: its box holds all of its text.
    expect(await refusal.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(
      0,
    );
    expect(await top()).toBe(before);
    await page.screenshot({ path: `test-results/screenshots/ticket-refusal-${size}.png` });
    expect(errors).toEqual([]);
  });
}
