import { connectToHost } from '../../src-main/host/cli/host-client';
import { collectConsoleErrors } from './console-guard';
import { expect, launchHost, test } from './host-fixture';
import { submitTicket } from './ticket';

test.setTimeout(180_000);

/**
 * Where the replay stands for this test: a fixed hour of the bundled BTC/USDT data, paused, so
 * the bars stepped through (and the marks they give) are the same on every run, however loaded
 * the machine is; the replay playing at max speed until "some bars" stopped anywhere.
 */
const PAUSED_AT = Date.parse('2018-05-19T06:00:00Z');

/** Money as the top bar and the positions footer print it ("10,000.00") -> a number. */
const money = (text: string | null): number => Number((text ?? '').replace(/[+,\s]|USDT/g, ''));

test('an open position is revalued on every bar: mark, unrealized PnL and equity move together', async ({
  browser,
}) => {
  const host = await launchHost();
  try {
    // Paused at a fixed hour, one bar stepped: the paper venue has BTC/USDT's price.
    const conn = await connectToHost(host.dataDir);
    // The replay plays once its data is loaded: its first bar close says it is there.
    await new Promise<void>((resolve) => {
      if (conn.received.some((e) => e.kind === 'barClosed')) resolve();
      conn.client.on('barClosed', () => resolve());
    });
    await conn.client.call('controlReplay', { action: 'pause' });
    await conn.client.call('controlReplay', { action: 'seek', to: PAUSED_AT });
    const stepped = await conn.client.call('controlReplay', { action: 'step' });
    conn.close();
    expect(stepped.playing).toBe(false);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors = collectConsoleErrors(page);
    await page.goto(host.url);
    await expect(page.getByTestId('chart-symbol')).toContainText('BTC/USDT');
    await expect(page.getByTestId('price-chart')).not.toHaveAttribute('data-bars', '0');
    const replay = page.getByTestId('replay-controls');
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
    const table = page.getByTestId('positions-table');
    for (let bar = 0; bar < 4; bar += 1) {
      const before = await table.getAttribute('data-valued-at');
      await replay.getByRole('button', { name: 'Step one bar' }).click();
      // Each step closes a bar of the held symbol: a new valuation, at the step's time, comes
      // whether or not the price moved (waiting for a different mark could wait forever).
      await expect(table).not.toHaveAttribute('data-valued-at', before ?? '');
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
