import { connectToHost } from '../../src-main/host/cli/host-client';
import { resetToMarginAccount } from '../support/margin-account';
import { collectConsoleErrors } from './console-guard';
import { expect, launchHost, test } from './host-fixture';
import { dragPlanStopTowardsEntry } from './plan-chart';

test.setTimeout(180_000);

const shot = (name: string): { path: string } => ({
  path: `test-results/screenshots/${name}.png`,
});

/**
 * The bundled replay (default scanner) at 2018-05-23 22:00 UTC: ETH/USDT 4h is a WATCH short at
 * 596.78 whose target (1.5 ATR below, 564.44) trades on the tenth 1h bar after the entry, before
 * the price comes back to a stop dragged a third of the way towards the entry (about 618).
 */
const JOURNEY_AT = Date.parse('2018-05-23T22:00:00Z');

// The "Done when", end to end in Chromium against `vigil serve`: select a signal,
// press P, read the plan's risk figures, drag its stop on the chart, send it, see the bracket on
// the chart, step the replay until it closes at its target, and find the trade in the journal
// with its R-multiple and its plan. The replay is paused and stepped one bar at a time.
test('from a signal to a trade closed at its target, and into the journal with its R and its plan', async ({
  page,
}) => {
  const host = await launchHost();
  try {
    const conn = await connectToHost(host.dataDir);
    await resetToMarginAccount(conn.client, 'e2e journey');
    // Paused and put at the journey's time as soon as the replay has loaded its files.
    await expect
      .poll(
        async () =>
          conn.client.call('controlReplay', { action: 'pause' }).then(
            (state) => state.playing,
            (error: unknown) => String(error),
          ),
        { timeout: 90_000 },
      )
      .toBe(false);
    await conn.client.call('controlReplay', { action: 'seek', to: JOURNEY_AT });
    conn.close();
    const errors = collectConsoleErrors(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(host.url);
    const replay = page.getByTestId('replay-controls');
    await expect(replay.getByRole('button', { name: 'Pause', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const clock = page.getByTestId('replay-time');
    await expect(clock).toHaveText('2018-05-23 22:00 UTC');

    // Select the signal, press P: the plan and its risk figures replace the ticket.
    const row = page.locator(
      '[data-testid="signal-row"][data-symbol="ETH/USDT"][data-timeframe="4h"][data-tier="WATCH"]',
    );
    await row.click();
    await expect(page.getByTestId('chart-symbol')).toContainText('ETH/USDT');
    await page.keyboard.press('p');
    const panel = page.getByTestId('plan-panel');
    await expect(panel).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('plan-entry')).toHaveText('mkt 596.78');
    await expect(page.getByTestId('plan-targets')).toHaveText('564.44');
    await expect(page.getByTestId('plan-risk')).toHaveText(/^[\d,.]+ USDT · [\d.]+%$/);
    await expect(page.getByTestId('plan-rr')).toHaveText(/^\d+\.\d\d$/);
    // ETH/USDT 4h has no calibration that beats the base rate: its P is no win chance, so the
    // plan shows no expected value and risks the minimum (see What P means in the README).
    await expect(page.getByTestId('plan-uncalibrated')).toBeVisible();
    await expect(page.getByTestId('plan-ev')).toHaveText('— (P uncalibrated)');
    await expect(page.getByTestId('plan-heat')).toHaveText(/%$/);
    // Nothing the trader needs is cut at 1280x800: every figure's box holds all of its text.
    const clipped = await panel.evaluate((el) =>
      [...el.querySelectorAll('.plan-value, .plan-head')]
        .filter((v) => v.scrollWidth > v.clientWidth || v.scrollHeight > v.clientHeight)
        .map((v) => v.textContent),
    );
    expect(clipped).toEqual([]);
    await expect(page.locator('[data-testid="plan-verdict"][data-ok="false"]')).toHaveCount(0);

    // Drag the red stop line a third of the way towards the entry: the engine re-sizes the plan
    // around the tighter stop (a larger quantity for the same risk).
    const { before, after } = await dragPlanStopTowardsEntry(page, 1 / 3);
    const { stop, stopText } = after;
    expect(stop).toBeLessThan(before.stop);
    expect(stop).toBeGreaterThan(596.78);
    expect(after.qty).toBeGreaterThan(before.qty);
    await page.screenshot(shot('journey-plan-1280x800'));

    // Enter sends it; the market entry fills on the next bar and its bracket is on the chart.
    await page.keyboard.press('Enter');
    await expect(panel).toHaveAttribute('data-state', 'sent');
    const step = replay.getByRole('button', { name: 'Step one bar' });
    const chart = page.getByTestId('price-chart');
    await step.click();
    await expect(clock).toHaveText('2018-05-23 23:00 UTC');
    await expect(chart).toHaveAttribute('data-trade-lines', new RegExp(`SL@${stop}(,|$)`));
    await expect(chart).toHaveAttribute('data-trade-lines', /TP@564\.44/);
    await page.screenshot(shot('journey-bracket-1280x800'));
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot(shot('journey-bracket-1920x1080'));
    await page.setViewportSize({ width: 1280, height: 800 });

    // Bar by bar (each step waits for the replay clock to move) until the take-profit fills.
    const filledTarget = page.locator(
      '[data-testid="order-row"][data-symbol="ETH/USDT"][data-role="take-profit"][data-state="FILLED"]',
    );
    const position = page.locator('[data-testid="position-row"][data-symbol="ETH/USDT"]');
    await expect(position).toHaveCount(1);
    for (let bar = 2; bar <= 16 && (await filledTarget.count()) === 0; bar += 1) {
      const before = await clock.textContent();
      await step.click();
      await expect(clock).not.toHaveText(before ?? '');
    }
    await expect(filledTarget).toHaveCount(1);
    await expect(position).toHaveCount(0);
    await expect(page.locator('[data-testid="order-row"][data-role="stop-loss"]')).toHaveAttribute(
      'data-state',
      'CANCELED',
    );
    await expect(chart).not.toHaveAttribute('data-trade-lines', /SL@|TP@/);

    // The journal: the trade with its R-multiple (a win at the target over the dragged stop's
    // risk) and the plan it came from, as planned.
    await page.getByTestId('open-journal').click();
    const drawer = page.getByTestId('journal-drawer');
    const trade = drawer.locator('[data-testid="journal-row"][data-symbol="ETH/USDT"]');
    await expect(trade).toHaveCount(1);
    await expect(trade.getByTestId('journal-r')).toHaveText(/^1\.\d\dR$/);
    await expect(trade.getByTestId('journal-signal')).toHaveText(/^WATCH 4h · plan P\d+$/);
    await trade.getByTestId('journal-open').click();
    // The signal at entry says "uncalibrated" next to its P, as the board and the plan did.
    const entryP = drawer.getByTestId('journal-entry-p');
    await expect(entryP).toHaveAttribute('data-calibrated', 'false');
    await expect(entryP).toHaveText(/^P \d+\.\d% uncalibrated$/);
    const plan = drawer.getByTestId('journal-plan');
    await expect(plan).toContainText('sent by you');
    await expect(plan).toContainText(`stop ${stopText}`);
    await expect(plan).toContainText('564.44');
    await expect(drawer.getByTestId('journal-stop-moves')).toHaveText('The stop never moved.');
    // The fill toasts sit under the drawer (the cockpit's layering), so the journal reads whole.
    await page.screenshot(shot('journey-journal-1280x800'));
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot(shot('journey-journal-1920x1080'));
    expect(errors).toEqual([]);
  } finally {
    await host.stop();
  }
});
