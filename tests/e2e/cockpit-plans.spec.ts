import { connectToHost } from '../../src-main/host/cli/host-client';
import { resetToMarginAccount } from '../support/margin-account';
import { collectConsoleErrors } from './console-guard';
import { expect, launchHost, test } from './host-fixture';
import { dragPlanStopTowardsEntry } from './plan-chart';

test.setTimeout(120_000);

const shot = (name: string): { path: string } => ({
  path: `test-results/screenshots/${name}.png`,
});

// A host of its own: the plan trades on the paper book from the replay's default start
// (2018-05-18 22:00 UTC), where ETH/USDT 4h is a WATCH short (P 0.556) on the board.
test('a signal becomes a plan with P, its stop is dragged on the chart, Enter sends the bracket', async ({
  page,
}) => {
  const host = await launchHost();
  try {
    const conn = await connectToHost(host.dataDir);
    await resetToMarginAccount(conn.client, 'e2e plan');
    conn.close();
    const errors = collectConsoleErrors(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(host.url);
    const row = page.locator(
      '[data-testid="signal-row"][data-symbol="ETH/USDT"][data-timeframe="4h"]',
    );
    await row.click();
    await expect(page.getByTestId('chart-symbol')).toContainText('ETH/USDT');

    // P while typing in a field is the field's letter, not a plan.
    await page.getByTestId('ticket-symbol').press('p');
    await expect(page.getByTestId('plan-panel')).toHaveCount(0);
    await row.click();
    await page.keyboard.press('p');
    const panel = page.getByTestId('plan-panel');
    await expect(panel).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('plan-risk')).toHaveText(/^[\d,.]+ USDT · [\d.]+%$/);
    await expect(page.getByTestId('plan-rr')).toHaveText(/^\d+\.\d\d$/);
    await expect(page.getByTestId('plan-ev')).toContainText('USDT');
    await expect(page.getByTestId('plan-heat')).toHaveText(/%$/);
    const verdicts = page.getByTestId('plan-verdict');
    await expect(verdicts).toHaveCount(10);
    await expect(page.locator('[data-testid="plan-verdict"][data-ok="false"]')).toHaveCount(0);
    await expect(page.getByTestId('plan-verdicts')).toContainText('10 of 10 rules pass');
    await page.screenshot(shot('plan-panel-1280x720'));

    // Drag the stop line (a short's stop is above the entry) a third of the way down towards
    // the entry: a tighter stop, a larger quantity for the same risk.
    const dragged = await dragPlanStopTowardsEntry(page, 1 / 3);
    expect(dragged.after.qty).toBeGreaterThan(dragged.before.qty);
    await page.screenshot(shot('plan-dragged-stop-1280x720'));

    // Stop management switched on from the panel: the engine re-plans with it.
    // The box follows the engine's re-plan (a controlled input): click, then wait for it.
    await page.getByTestId('plan-trail').click();
    await expect(page.getByTestId('plan-trail')).toBeChecked();
    await expect(panel).toHaveAttribute('data-state', 'ready');
    // Enter sends it; once the entry fills, its stop-loss and take-profit rest on the chart.
    await page.keyboard.press('Enter');
    await expect(panel).toHaveAttribute('data-state', 'sent');
    // The market entry fills on the next bar: step the replay one bar.
    await page.getByRole('button', { name: 'Step one bar' }).click();
    const chart = page.getByTestId('price-chart');
    await expect(chart).toHaveAttribute('data-trade-lines', /SL@.+TP@|TP@.+SL@/);
    const stopShown = (await page.getByTestId('plan-stop').textContent())?.replace(/,/g, '');
    await expect(chart).toHaveAttribute(
      'data-trade-lines',
      new RegExp(`SL@${Number(stopShown)}(,|$)`),
    );
    await page.screenshot(shot('plan-bracket-1280x720'));
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot(shot('plan-bracket-1920x1080'));
    await expect(page.getByTestId('order-row').filter({ hasText: 'SL' })).toHaveCount(1);
    // Esc closes the sent plan; the order ticket is back.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('order-ticket')).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    await host.stop();
  }
});

test('the autopilot is switched in the top bar, shows its mode, and a kill turns it off', async ({
  page,
}) => {
  const host = await launchHost();
  try {
    const errors = collectConsoleErrors(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(host.url);
    const autopilot = page.getByTestId('autopilot');
    await expect(autopilot).toHaveAttribute('data-mode', 'off');
    await page.getByTestId('autopilot-on').click();
    await expect(autopilot).toHaveAttribute('data-mode', 'on');
    await page.getByTestId('autopilot-panel').scrollIntoViewIfNeeded();
    await expect(autopilot).toContainText('ON · 0 of 3 trades today');
    await expect(page.getByTestId('autopilot-badge')).toHaveText('AUTOPILOTON 0/3');
    await page.screenshot(shot('autopilot-on-1280x720'));
    await page.getByTestId('autopilot-shadow').click();
    await expect(autopilot).toHaveAttribute('data-mode', 'shadow');
    await page.getByTestId('autopilot-on').click();
    await page.getByTestId('kill-button').click();
    await expect(autopilot).toHaveAttribute('data-mode', 'off');
    await expect(autopilot).toContainText('off by kill');
    await expect(page.getByTestId('autopilot-badge')).toHaveAttribute('data-mode', 'off');
    // Nothing scrolls sideways, the KILL button included.
    expect(await page.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
    // Switching it on again while HALTED is refused, in words.
    await page.getByTestId('autopilot-on').click();
    await expect(
      page.getByTestId('toast-rejection').filter({ hasText: 'Autopilot on refused' }),
    ).toBeVisible();
    await expect(autopilot).toHaveAttribute('data-mode', 'off');
    await page.screenshot(shot('autopilot-off-by-kill-1280x720'));
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot(shot('autopilot-off-by-kill-1920x1080'));
    expect(errors).toEqual([]);
  } finally {
    await host.stop();
  }
});
