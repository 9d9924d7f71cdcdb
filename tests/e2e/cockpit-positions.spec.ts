import { collectConsoleErrors } from './console-guard';
import { expect, launchHost, test } from './host-fixture';
import { submitTicket } from './ticket';

test.setTimeout(180_000);

/** Money as the top bar and the positions footer print it ("10,000.00") -> a number. */
const money = (text: string | null): number => Number((text ?? '').replace(/[+,\s]|USDT/g, ''));

test('an open position is revalued on every bar: mark, unrealized PnL and equity move together', async ({
  browser,
}) => {
  const host = await launchHost();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors = collectConsoleErrors(page);
    await page.goto(host.url);
    // Play until BTC/USDT (the default chart) has bars, i.e. the paper venue has its price.
    await expect(page.getByTestId('chart-symbol')).toContainText('BTC/USDT');
    await page.getByTestId('replay-speed').selectOption('max');
    await expect(page.getByTestId('price-chart')).not.toHaveAttribute('data-bars', '0', {
      timeout: 90_000,
    });
    const replay = page.getByTestId('replay-controls');
    await replay.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(replay.getByRole('button', { name: 'Pause', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await submitTicket(page, { symbol: 'BTC/USDT', qty: '0.01' });
    await expect(page.getByTestId('ticket-refusal')).toHaveCount(0);
    // The market order fills on the next bar.
    await replay.getByRole('button', { name: 'Step one bar' }).click();
    const row = page.locator('[data-testid="position-row"][data-symbol="BTC/USDT"]');
    await expect(row).toBeVisible();
    await expect(page.getByTestId('toast-fill')).toContainText('Filled BUY 0.01 BTC/USDT');

    const marks: string[] = [];
    for (let bar = 0; bar < 4; bar += 1) {
      const before = await row.getAttribute('data-mark');
      await replay.getByRole('button', { name: 'Step one bar' }).click();
      // Each step is one more mark-to-market of the held symbol's bars (1h for BTC/USDT).
      await expect.poll(() => row.getAttribute('data-mark')).not.toBe(before);
      marks.push((await row.getAttribute('data-mark')) ?? '');
      // One valuation feeds the table and the top bar: the position's unrealized PnL is the
      // book's, and the top bar's equity is the footer's, to the cent.
      const unrealized = money(await row.getByTestId('position-unrealized').textContent());
      expect(money(await page.getByTestId('unrealized-total').textContent())).toBe(unrealized);
      const footer =
        (await page.getByTestId('positions-table').locator('tfoot').textContent()) ?? '';
      const footerEquity = money(/equity ([\d,.]+)/.exec(footer)?.[1] ?? '');
      expect(money(await page.getByTestId('equity').textContent())).toBe(footerEquity);
      // Prices at the market's tick (0.01): two decimals, thousands separated.
      await expect(row.getByTestId('position-mark')).toHaveText(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    }
    expect(new Set(marks).size).toBeGreaterThan(1);
    // The gauges come from the same valuation: one open position.
    await expect(page.getByTestId('gauge-positions')).toContainText('1 / 3');
    await page.screenshot({ path: 'test-results/screenshots/position-1280x720.png' });
    expect(errors).toEqual([]);
    await page.close();
  } finally {
    await host.stop();
  }
});
