import { expect, launchHost, test as shared, type RunningHost } from './host-fixture';

/**
 * A host of its own for this spec: the board must start from the beginning of the replay,
 * whatever the other specs did with the shared host's replay.
 */
const test = shared.extend<{ freshHost: RunningHost }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures require the destructuring form
  freshHost: async ({}, use) => {
    const host = await launchHost();
    await use(host);
    await host.stop();
  },
});
import { collectConsoleErrors } from './console-guard';

test.setTimeout(120_000);

test('the signal board fills with tiers on the bundled replay; a signal explains itself and charts', async ({
  page,
  freshHost: host,
}) => {
  const errors = collectConsoleErrors(page);
  await page.goto(host.url);
  await expect(page.getByTestId('trading-mode')).toHaveText('PAPER');
  await page.getByTestId('replay-speed').selectOption('max');

  // Warm from the history before the replay's start: every market on 1h and 4h at once.
  const rows = page.getByTestId('signal-row');
  await expect.poll(() => rows.count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(6);
  // Order, tiers and staleness in one synchronous read inside the page: the board keeps
  // re-sorting as the replay plays, and a React commit never interleaves with a single page
  // task. (A Locator.evaluateAll over the rows would not do: Playwright collects the elements
  // in one round trip and reads them in another, so a re-sort in between paired the old order
  // with the new tiers.)
  const shown = await page.getByTestId('signal-board').evaluate((board) =>
    Array.from(
      board.querySelectorAll('[data-testid="signal-row"]'),
      (row: { getAttribute(name: string): string | null }) => ({
        tier: row.getAttribute('data-tier') ?? '',
        stale: row.getAttribute('data-stale') === 'true',
      }),
    ),
  );
  for (const { tier } of shown) expect(['PRIME', 'WATCH', 'IGNORE', 'FAILED']).toContain(tier);
  // Fresh rows first, then stale ones (no new bar for three of their bars); each by tier.
  const rank = { PRIME: 0, WATCH: 1, IGNORE: 2, FAILED: 3 } as Record<string, number>;
  const keys = shown.map((r) => (r.stale ? 10 : 0) + (rank[r.tier] ?? 9));
  expect(keys).toEqual([...keys].sort((a, b) => a - b));

  // Selecting a signal charts its symbol at the signal's timeframe and explains it. The replay
  // is paused first: at max speed the board re-sorts every frame.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const symbol = (await rows.first().getAttribute('data-symbol')) ?? '';
  const timeframe = (await rows.first().getAttribute('data-timeframe')) ?? '';
  await page
    .locator(`[data-testid="signal-row"][data-symbol="${symbol}"][data-timeframe="${timeframe}"]`)
    .click();
  await expect(page.getByTestId('chart-symbol')).toContainText(symbol);
  await expect(page.getByTestId(`tf-${timeframe}`)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('factor-bars').locator('li')).not.toHaveCount(0);
  await expect(page.getByTestId('gates').locator('li')).toHaveCount(4);
  await expect(page.getByTestId('signal-reason')).not.toBeEmpty();
  const chart = page.getByTestId('price-chart');
  await expect(chart).not.toHaveAttribute('data-bars', '0');

  // Tier changes of the charted series appear as chart markers as the replay moves on.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect
    .poll(async () => Number(await chart.getAttribute('data-markers')), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.screenshot({ path: 'test-results/screenshots/signal-board.png', fullPage: true });
  expect(errors).toEqual([]);
});
