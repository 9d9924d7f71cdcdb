import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, freshHostTest as test, type RunningHost } from './host-fixture';
import { collectConsoleErrors } from './console-guard';
import { submitTicket } from './ticket';
import { axeViolations } from './axe';

// Each test has a host of its own: it starts at the replay's start, at the default 60x.

/**
 * What a trader must read without scrolling: the page fits the window, and the controls that
 * matter in this state are wholly on screen.
 */
async function expectFits(page: Page, ids: readonly string[], what: string): Promise<void> {
  const overflow = Number(
    await page.evaluate('document.documentElement.scrollHeight - window.innerHeight'),
  );
  expect(overflow, `the page scrolls by ${overflow}px (${what})`).toBeLessThanOrEqual(0);
  // The side column's fixed panels (kill switch, ticket) never run under the status line.
  const sideOverflow = await page
    .locator('.side-column')
    .evaluate((el) => el.scrollHeight - el.clientHeight);
  expect(
    sideOverflow,
    `the side column overflows by ${sideOverflow}px (${what})`,
  ).toBeLessThanOrEqual(0);
  for (const id of ids)
    await expect(page.getByTestId(id), `${id} (${what})`).toBeInViewport({ ratio: 1 });
}

const shot = (name: string): { path: string; fullPage: boolean } => ({
  path: `test-results/screenshots/${name}.png`,
  fullPage: true,
});

test.setTimeout(90_000);

/**
 * The cockpit at 1280x800 with the replay paused: a market order then fills at once at the
 * last price, no waiting for the next bar.
 */
async function openPaused(page: Page, host: RunningHost): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  await pause.click();
  await expect(pause).toHaveAttribute('aria-pressed', 'true');
}

/** A market buy from the order ticket, with a bracket when given; refused orders fail the test. */
async function buyAtMarket(
  page: Page,
  symbol: string,
  qty: string,
  bracket?: { stopLoss: string; takeProfit: string },
): Promise<void> {
  await page.getByTestId('ticket-symbol').fill(symbol);
  await page.getByTestId('ticket-buy').click();
  await page.getByTestId('ticket-type').selectOption('market');
  await page.getByTestId('ticket-qty').fill(qty);
  if (bracket !== undefined) {
    await page.getByTestId('ticket-stop-loss').fill(bracket.stopLoss);
    await page.getByTestId('ticket-take-profit').fill(bracket.takeProfit);
  }
  await page.getByTestId('ticket-submit').click();
  await expect(page.getByTestId('ticket-refusal')).toHaveCount(0);
}

/** A position row's numbers, exactly as the engine's valuation sent them. */
async function positionFigures(
  row: Locator,
): Promise<{ qty: number; entry: number; mark: number; unrealized: number }> {
  const read = async (name: string): Promise<number> => Number(await row.getAttribute(name));
  return {
    qty: await read('data-qty'),
    entry: await read('data-entry'),
    mark: await read('data-mark'),
    unrealized: await read('data-unrealized'),
  };
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  const at = `${size.width}x${size.height}`;
  test(`the first session at ${at}, at the default 60x: signals within 10 s, a bracket on a signalled market fills, its PnL moves bar by bar, closing cancels its exits; KILL without flatten, then a close while HALTED`, async ({
    page,
    freshHost: host,
  }) => {
    const errors = collectConsoleErrors(page);
    await page.setViewportSize(size);
    await page.goto(host.url);
    // Nothing is sped up: the replay plays at its default speed.
    const rows = page.getByTestId('signal-row');
    await expect(rows.first()).toBeVisible({ timeout: 10_000 });
    await expect(page.getByTestId('replay-speed')).toHaveValue('60x');
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    const timeframes = await rows.evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-timeframe')),
    );
    expect(new Set(timeframes)).toEqual(new Set(['1h', '4h']));
    // How long each tier has held is the scanner's own, from its warm-up: ETH/USDT 4h entered
    // WATCH a day and a half before the replay's start (not "≥0m", as if it began when the
    // window opened); BTC/USDT 4h has been IGNORE since the scanner's first graded bar.
    const inTier = (symbol: string): Locator =>
      page
        .locator(`[data-testid="signal-row"][data-symbol="${symbol}"][data-timeframe="4h"]`)
        .getByTestId('signal-in-tier');
    await expect(inTier('ETH/USDT')).toHaveText('1d');
    await expect(inTier('ETH/USDT')).toHaveAttribute('title', '1d 12h in WATCH');
    await expect(inTier('BTC/USDT')).toHaveText('≥1d');
    await expect(inTier('BTC/USDT')).toHaveAttribute('title', 'at least 1d 16h in IGNORE');
    // The default chart has candles at once: the replay starts after its warm-up history.
    const chart = page.getByTestId('price-chart');
    await expect(chart).not.toHaveAttribute('data-bars', '0', { timeout: 10_000 });
    await page.screenshot(shot(`first-session-board-${at}`));

    // The trader opens a market the board signals (WATCH or PRIME) that the USDT account trades.
    const signalled = page
      .locator('[data-testid="signal-row"]:is([data-tier="WATCH"], [data-tier="PRIME"])')
      .and(page.locator('[data-symbol$="/USDT"]'))
      .first();
    const symbol = (await signalled.getAttribute('data-symbol')) ?? '';
    expect(symbol).toMatch(/\/USDT$/);
    await signalled.click();
    await expect(page.getByTestId('chart-symbol')).toContainText(symbol);
    await expect(page.getByTestId('ticket-symbol')).toHaveValue(symbol);
    await expect(chart).not.toHaveAttribute('data-last-close', '');
    const last = Number(await chart.getAttribute('data-last-close'));
    expect(last).toBeGreaterThan(0);

    // A bracket from the ticket while the replay plays: the market entry waits for the next bar
    // (the next 1h close is most of a minute away at 60x); the trader steps the replay to it.
    const stopLoss = (last * 0.8).toFixed(2);
    const takeProfit = (last * 1.5).toFixed(2);
    await submitTicket(page, { symbol, qty: '0.2', stopLoss, takeProfit });
    await expect(page.getByTestId('ticket-refusal')).toHaveCount(0);
    const entry = page.locator('[data-testid="order-row"][data-role="entry"]');
    await expect(entry).toHaveAttribute('data-state', 'OPEN');
    const position = page
      .getByTestId('position-row')
      .and(page.locator(`[data-symbol="${symbol}"]`));
    await expect(position).toHaveCount(0);
    const step = page.getByRole('button', { name: 'Step one bar' });
    await step.click();
    await expect(entry).toHaveAttribute('data-state', 'FILLED');
    await expect(position).toHaveCount(1);
    await expect(entry.getByTestId('order-fill-price')).not.toHaveText('—');
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const exits = page.locator(
      '[data-testid="order-row"]:is([data-role="stop-loss"], [data-role="take-profit"])',
    );
    await expect(exits).toHaveCount(2);
    await expect(page.getByTestId('open-orders-count')).toHaveText('2');

    // Bar by bar: each step closes the next bar, and the position is marked at it.
    const table = page.getByTestId('positions-table');
    const unrealizedSeen = new Set<number>();
    let valuedAt = Number(await table.getAttribute('data-valued-at'));
    for (let bar = 0; bar < 6; bar += 1) {
      await step.click();
      await expect
        .poll(async () => Number(await table.getAttribute('data-valued-at')))
        .toBeGreaterThan(valuedAt);
      valuedAt = Number(await table.getAttribute('data-valued-at'));
      const p = await positionFigures(position);
      // Unrealized is the position at this bar's mark, before fees: qty x (mark - entry).
      expect(p.unrealized).toBeCloseTo(p.qty * (p.mark - p.entry), 6);
      await expect(position.getByTestId('position-mark')).not.toHaveText('no mark');
      unrealizedSeen.add(p.unrealized);
    }
    expect(unrealizedSeen.size).toBeGreaterThanOrEqual(3);
    await expectFits(
      page,
      ['kill-button', 'ticket-submit', 'position-row', 'close-position'],
      `position open at ${at}`,
    );
    await page.screenshot(shot(`first-session-position-open-${at}`));

    // Closed: the position goes, and its bracket's exits are cancelled with it.
    await position.getByTestId('close-position').click();
    await expect(position).toHaveCount(0);
    await expect(exits).toHaveCount(2);
    for (const exit of await exits.all())
      await expect(exit).toHaveAttribute('data-state', 'CANCELED');
    await expect(page.getByTestId('open-orders-count')).toHaveText('0');

    // Again, then KILL without flatten: the bracket's exits go, the position stays.
    await expect(page.getByTestId('flatten-toggle')).not.toBeChecked();
    await submitTicket(page, { symbol, qty: '0.2', stopLoss, takeProfit });
    await expect(page.getByTestId('ticket-refusal')).toHaveCount(0);
    await expect(position).toHaveCount(1);
    await expect(page.getByTestId('open-orders-count')).toHaveText('2');
    await page.getByTestId('kill-button').click();
    await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
    await expect(page.getByTestId('kill-state')).toHaveText('Kill complete');
    await expect(page.getByTestId('open-orders-count')).toHaveText('0');
    await expect(position).toHaveCount(1);
    // The banner says what HALTED still accepts; the kill panel says what is left and offers the way out.
    await expect(page.getByTestId('halted-banner')).toContainText(
      'Nothing that adds exposure; closes and protective stops only.',
    );
    await expect(page.getByTestId('halted-positions-note')).toHaveText(
      '1 position still open, UNPROTECTED: no stop.',
    );
    await expect(page.getByTestId('flatten-now')).toBeVisible();
    await expect(page.getByTestId('replace-stops')).toBeVisible();
    await expectFits(
      page,
      [
        'halted-banner',
        'kill-state',
        'flatten-now',
        'replace-stops',
        'close-position',
        'rearm-input',
      ],
      `HALTED with a position at ${at}`,
    );
    expect(await axeViolations(page), `axe-core, HALTED with a position at ${at}`).toEqual([]);
    await page.screenshot(shot(`first-session-halted-with-position-${at}`));

    // Closing while HALTED is accepted: it only reduces the position.
    await position.getByTestId('close-position').click();
    await expect(position).toHaveCount(0);
    await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
    await expect(page.getByTestId('kill-positions-left')).toHaveText('0');
    await expect(page.getByTestId('flatten-now')).toHaveCount(0);
    await expectFits(page, ['kill-state', 'rearm-input', 'ticket-submit'], `the end at ${at}`);
    await page.screenshot(shot(`first-session-end-${at}`));
    expect(errors).toEqual([]);
  });
}

test('KILL without flatten, then the position gets its stop back and is closed while HALTED', async ({
  page,
  freshHost: host,
}) => {
  const errors = collectConsoleErrors(page);
  await openPaused(page, host);
  await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
  await expect(page.getByTestId('flatten-toggle')).not.toBeChecked();
  await buyAtMarket(page, 'ETH/USDT', '0.2', { stopLoss: '600', takeProfit: '900' });
  const position = page.getByTestId('position-row');
  await expect(position).toHaveCount(1);
  await expect(position).toContainText('ETH/USDT');
  await expect(page.getByTestId('open-orders-count')).toHaveText('2'); // the bracket's legs

  await page.getByTestId('kill-button').click();
  await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
  await expect(page.getByTestId('kill-state')).toHaveText('Kill complete');
  await expect(page.getByTestId('open-orders-count')).toHaveText('0');
  // Not flattened: the position is still there, naked. The kill panel offers the way out.
  await expect(position).toHaveCount(1);
  await expect(page.getByTestId('kill-positions-left')).toHaveText('1');
  await expect(page.getByTestId('flatten-now')).toBeVisible();
  // The kill cancelled its stop: the panel says so loudly, and what re-protects it.
  const note = page.getByTestId('halted-positions-note');
  await expect(note).toHaveText('1 position still open, UNPROTECTED: no stop.');
  await expect(note).toHaveAttribute('role', 'alert');
  await page.screenshot(shot('halted-with-position-1280x800'));

  await page.getByTestId('replace-stops').click();
  await expect(page.getByTestId('open-orders-count')).toHaveText('1');
  const stop = page.getByTestId('order-row').first();
  await expect(stop).toHaveAttribute('data-state', 'OPEN');
  await expect(stop).toContainText('Stop');
  await expect(page.getByTestId('halted-positions-note')).toHaveText(
    '1 position still open, each with a working stop.',
  );
  // The kill panel does not call the trader's own reduce-only stop a leftover to cancel.
  await expect(page.getByTestId('kill-cross-check')).toHaveCount(0);

  // Adding exposure is still refused while HALTED; closing is not.
  await page.getByTestId('ticket-submit').click();
  await expect(page.getByTestId('ticket-refusal')).toContainText('HALTED');
  await position.getByTestId('close-position').click();
  await expect(position).toHaveCount(0);
  await expect(page.getByTestId('open-orders-count')).toHaveText('0');
  await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot(shot('halted-closed-1920x1080'));
  expect(errors).toEqual([]);
});

test('Flatten now after a KILL without flatten: the kill’s own close is shown working, never as one to cancel; pausing fills it', async ({
  page,
  freshHost: host,
}) => {
  const errors = collectConsoleErrors(page);
  await openPaused(page, host);
  await buyAtMarket(page, 'BTC/USDT', '0.01');
  const position = page.getByTestId('position-row');
  await expect(position).toHaveCount(1);

  // Playing at 1x: the next 1h bar is an hour away, so a market order rests.
  await page.getByTestId('replay-speed').selectOption('1x');
  await page.getByTestId('kill-button').click();
  await expect(page.getByTestId('kill-state')).toHaveText('Kill complete');
  await page.getByTestId('flatten-now').click();
  await expect(page.getByTestId('kill-closing-orders')).toContainText(
    '1 closing order from the kill is working',
  );
  await expect(page.getByTestId('kill-cross-check')).toHaveCount(0);
  await page.screenshot(shot('flatten-now-working-1280x800'));
  // Paused: no bar is coming, the kill's close fills at the last price and the kill completes.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(position).toHaveCount(0);
  await expect(page.getByTestId('kill-state')).toHaveText('Kill complete');
  await expect(page.getByTestId('kill-positions-left')).toHaveText('0');
  await expect(page.getByTestId('kill-closing-orders')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('ETH/BTC on paper, then the month’s report: the fills CSV values it in USDT and names the rate’s market', async ({
  page,
  freshHost: host,
}) => {
  const errors = collectConsoleErrors(page);
  await openPaused(page, host);
  // ETH/BTC spends BTC: buy some first (paused, each market order fills at the last price).
  await buyAtMarket(page, 'BTC/USDT', '0.02');
  await expect(
    page.getByTestId('position-row').and(page.locator('[data-symbol="BTC/USDT"]')),
  ).toHaveCount(1);
  await buyAtMarket(page, 'ETH/BTC', '0.2');
  const eth = page.getByTestId('position-row').and(page.locator('[data-symbol="ETH/BTC"]'));
  await expect(eth).toHaveCount(1);
  await eth.getByTestId('close-position').click();
  await expect(eth).toHaveCount(0);

  const form = page.getByRole('form', { name: 'Export report' });
  await form.getByTestId('report-month').fill('2018-05');
  await form.getByLabel('Format').selectOption('fills-csv');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-report').click();
  const file = await download;
  const rows = readFileSync(await file.path(), 'utf8')
    .trim()
    .split('\r\n');
  const header = (rows[0] ?? '').split(',');
  const ethRows = rows
    .slice(1)
    .map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i], v])))
    .filter((r) => r['Symbol'] === 'ETH/BTC');
  expect(ethRows.map((r) => r['Side'])).toEqual(['buy', 'sell']);
  for (const r of ethRows) {
    expect(r['Net Worth Currency']).toBe('USDT');
    expect(Number(r['Rate'])).toBeGreaterThan(1000); // BTC in USDT, May 2018
    expect(r['Rate Source']).toMatch(/^BTC in USDT through BTC\/USDT at 2018-05-/);
  }
  expect(ethRows[0]).toMatchObject({ 'Sent Currency': 'BTC', 'Received Currency': 'ETH' });
  expect(errors).toEqual([]);
});
