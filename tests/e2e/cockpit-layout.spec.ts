import type { Locator, Page } from '@playwright/test';
import { axeViolations } from './axe';
import { collectConsoleErrors } from './console-guard';
import { expect, launchHost, test } from './host-fixture';
import { submitTicket } from './ticket';

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

/** Laptop first: 1280x720 and a laptop browser's 1366x657, then 1280x800 and 1920x1080. */
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1366, height: 657 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

type Box = { x: number; y: number; width: number; height: number };

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (b === null) throw new Error(`${locator.toString()} has no box (not rendered)`);
  return b;
}

const inside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Content wider than its scroll box means a sideways scrollbar (or clipped columns). */
async function sidewaysOverflow(locator: Locator): Promise<number> {
  return locator.evaluate((el) => el.scrollWidth - el.clientWidth);
}

/** The signal board's rows visible at once: its scroll box height over one row's height. */
async function boardCapacity(page: Page): Promise<number> {
  return page.getByTestId('board-panel').evaluate((panel) => {
    const body = panel.querySelector('.panel-body');
    const row = panel.querySelector('[data-testid="signal-row"]');
    const head = panel.querySelector('thead');
    const filter = panel.querySelector('[data-testid="signal-filter"]');
    if (body === null || row === null || head === null || filter === null) return 0;
    const usable =
      body.clientHeight -
      head.getBoundingClientRect().height -
      filter.getBoundingClientRect().height;
    return Math.floor(usable / row.getBoundingClientRect().height);
  });
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `axe-core violations on the cockpit (${what})`).toEqual([]);
}

test('the cockpit fits a laptop: 10+ board rows, no clipped columns, ticket and book never scroll sideways; accessible, HALTED too', async ({
  browser,
}) => {
  const host = await launchHost();
  try {
    const first = await browser.newPage({ viewport: VIEWPORTS[0] });
    const errors = collectConsoleErrors(first);
    await first.goto(host.url);
    // Signals on the board quickly (max speed), then hold the replay still for the measurements.
    await first.getByTestId('replay-speed').selectOption('max');
    await expect(first.getByTestId('signal-row').first()).toBeVisible({ timeout: 90_000 });
    await first
      .getByTestId('replay-controls')
      .getByRole('button', { name: 'Pause', exact: true })
      .click();
    // A working order with its bracket and a refused one: the orders table at full width.
    const bracket = { symbol: 'ETH/USDT', price: '300', stopLoss: '290', takeProfit: '350' };
    await submitTicket(first, { ...bracket, qty: '0.1' });
    await expect(first.getByTestId('order-row').first()).toHaveAttribute('data-state', 'OPEN');
    await submitTicket(first, { ...bracket, qty: '1000' });
    await expect(first.getByTestId('ticket-refusal')).toBeVisible();
    await first.close();

    for (const viewport of VIEWPORTS) {
      const size = `${viewport.width}x${viewport.height}`;
      const page = await browser.newPage({ viewport });
      await page.goto(host.url);
      await expect(page.getByTestId('signal-row').first()).toBeVisible();
      await expect(page.getByTestId('order-row').first()).toBeVisible();

      expect(await boardCapacity(page), `board rows visible at ${size}`).toBeGreaterThanOrEqual(10);
      const board = await box(page.getByTestId('board-panel'));
      for (const column of ['Score', 'In tier', 'Age']) {
        const header = page.getByTestId('signal-board').getByRole('columnheader', { name: column });
        expect(
          inside(await box(header), board),
          `${column} column inside the board at ${size}`,
        ).toBe(true);
      }
      expect(
        await sidewaysOverflow(page.getByTestId('board-panel').locator('.panel-body')),
      ).toBeLessThanOrEqual(0);

      const ticket = await box(page.getByTestId('ticket-panel'));
      for (const id of [
        'ticket-symbol',
        'ticket-buy',
        'ticket-sell',
        'ticket-take-profit',
        'ticket-stop-loss',
        'ticket-submit',
      ]) {
        expect(
          inside(await box(page.getByTestId(id)), ticket),
          `${id} inside the ticket at ${size}`,
        ).toBe(true);
        await expect(page.getByTestId(id)).toBeInViewport({ ratio: 1 });
      }
      expect(
        await sidewaysOverflow(page.getByTestId('ticket-panel').locator('.panel-body')),
      ).toBeLessThanOrEqual(0);
      expect(
        await sidewaysOverflow(page.getByTestId('book-panel').locator('.panel-body')),
        `positions and orders scroll sideways at ${size}`,
      ).toBeLessThanOrEqual(0);
      const book = await box(page.getByTestId('book-panel'));
      for (const header of ['Symbol', 'Side', 'Role', 'Fill price', 'State']) {
        const cell = page
          .getByTestId('orders-table')
          .getByRole('columnheader', { name: header, exact: true });
        expect(inside(await box(cell), book), `orders ${header} column at ${size}`).toBe(true);
      }
      await expect(page.getByTestId('kill-button')).toBeInViewport({ ratio: 1 });

      // A toast never covers the kill panel or the KILL button.
      await submitTicket(page, {
        symbol: 'ETH/USDT',
        qty: '1000',
        price: '300',
        stopLoss: '290',
        takeProfit: '350',
      });
      const toast = page.getByTestId('toast-rejection').first();
      await expect(toast).toBeVisible();
      expect(overlaps(await box(toast), await box(page.getByTestId('kill-panel')))).toBe(false);
      expect(overlaps(await box(toast), await box(page.getByTestId('kill-button')))).toBe(false);
      await page.screenshot({ path: `test-results/screenshots/layout-${size}.png` });
      await page.close();
    }

    const page = await browser.newPage({ viewport: VIEWPORTS[0] });
    await page.goto(host.url);
    await expect(page.getByTestId('signal-row').first()).toBeVisible();
    await page.getByTestId('signal-row').first().click();
    await expect(page.getByTestId('signal-why')).toBeVisible();
    await expectAccessible(page, 'RUNNING');
    await page.getByTestId('kill-button').click();
    await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
    await expect(page.getByTestId('kill-state')).toHaveText('Kill complete');
    await expect(page.getByTestId('toast-halt')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/layout-halted-1280x720.png' });
    await expectAccessible(page, 'HALTED');
    expect(errors).toEqual([]);
    await page.close();
  } finally {
    await host.stop();
  }
});

test('toasts: repeats collapse into one with a count; the HALTED toast leaves on re-arm', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
  await page.getByTestId('kill-button').click();
  await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
  // Killing again while HALTED raises no second HALTED toast.
  await page.getByTestId('kill-button').click();
  await expect(page.getByTestId('toast-halt')).toHaveCount(1);
  for (let i = 0; i < 3; i += 1) {
    await submitTicket(page, { symbol: 'ETH/USDT', qty: '0.1', price: '300' });
    await expect(page.getByTestId('ticket-refusal')).toContainText('Trading mode: HALTED');
  }
  await expect(page.getByTestId('toast-rejection')).toHaveCount(1);
  await expect(page.getByTestId('toast-rejection').getByTestId('toast-count')).toHaveText('×3');
  await expect(page.getByTestId('toast-rejection')).not.toContainText('mode 3');
  await page.getByTestId('rearm-input').fill('REARM');
  await page.getByTestId('rearm-button').click();
  await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
  await expect(page.getByTestId('toast-halt')).toHaveCount(0);
});

test('a tab whose engine stopped says ENGINE STOPPED, never a green RUNNING', async ({ page }) => {
  const host = await launchHost();
  let stopped = false;
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
    await host.stop();
    stopped = true;
    await expect(page.getByTestId('control-mode')).toHaveText('ENGINE STOPPED');
    await expect(page.getByTestId('engine-offline-banner')).toBeVisible();
    await expect(page.getByTestId('connection')).not.toHaveText('connected');
    await page.screenshot({ path: 'test-results/screenshots/engine-stopped.png' });
  } finally {
    if (!stopped) await host.stop();
  }
});
