import type { Page } from '@playwright/test';
import { connectToHost } from '../../src-main/host/cli/host-client';
import { resetToMarginAccount } from '../support/margin-account';
import { collectConsoleErrors } from './console-guard';
import { expect, freshHostTest, launchHost, test } from './host-fixture';

test.setTimeout(90_000);

const shot = (name: string): { path: string } => ({
  path: `test-results/screenshots/${name}.png`,
});

/** The replay paused at its start, and the plan of the board's ETH/USDT 4h WATCH short. */
async function planTheEthShort(page: Page, url: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(url);
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  await pause.click();
  await expect(pause).toHaveAttribute('aria-pressed', 'true');
  await page
    .locator('[data-testid="signal-row"][data-symbol="ETH/USDT"][data-timeframe="4h"]')
    .click();
  await page.keyboard.press('p');
  await expect(page.getByTestId('plan-panel')).toHaveAttribute('data-state', 'ready');
}

// A new install's spot account holds no ETH, so the paper venue refuses the short the plan
// sends. The panel must say nothing went out, never "Sent: 1 bracket" in green under the
// refusal (a trader reads the green line and believes a protected position is working).
freshHostTest(
  'a plan the venue refuses at send says nothing was sent, in the refusal’s colour',
  async ({ page, freshHost: host }) => {
    const errors = collectConsoleErrors(page);
    await planTheEthShort(page, host.url);
    await page.getByTestId('plan-send').click();

    await expect(page.getByTestId('plan-error')).toHaveText(
      /^Refused at send: paper: selling [\d.]+ ETH\/USDT needs [\d.]+ ETH, the account has 0 ETH free$/,
    );
    const outcome = page.getByTestId('plan-sent');
    await expect(outcome).toHaveText('Nothing sent');
    await expect(outcome).toHaveClass(/tone-bad/);
    await expect(page.getByTestId('plan-panel')).toHaveAttribute('data-state', 'refused-at-send');
    await expect(page.getByTestId('position-row')).toHaveCount(0);
    await page.screenshot(shot('plan-refused-at-send-1280x800'));
    expect(errors).toEqual([]);
  },
);

// The plan's verdicts are the gate's at the moment it was proposed. A KILL after that must not
// leave "✓ Trading mode" and an armed Send plan on screen: the plan is judged again, says why it
// cannot go, and is sendable again once trading is re-armed.
test('a plan on screen is judged again when the control mode changes: KILL refuses it, re-arm frees it', async ({
  page,
}) => {
  const host = await launchHost();
  try {
    // Margin: the short is a plan the venue takes, so only the control mode can refuse it.
    const conn = await connectToHost(host.dataDir);
    await resetToMarginAccount(conn.client, 'e2e plan judged again');
    conn.close();
    const errors = collectConsoleErrors(page);
    await planTheEthShort(page, host.url);
    const panel = page.getByTestId('plan-panel');
    const tradingMode = page.getByTestId('plan-verdict').filter({ hasText: 'Trading mode' });
    await expect(tradingMode).toHaveAttribute('data-ok', 'true');

    await page.getByTestId('kill-button').click();
    await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
    await expect(panel).toHaveAttribute('data-state', 'refused');
    await expect(tradingMode).toHaveAttribute('data-ok', 'false');
    // The limit named as the risk panel names it, never the rule's code name.
    await expect(page.getByTestId('plan-refusal')).toContainText('Not sendable: Trading mode: HALTED');
    await expect(page.getByTestId('plan-send')).toBeDisabled();
    await page.screenshot(shot('plan-judged-again-halted-1280x800'));

    await page.getByTestId('rearm-input').fill('REARM');
    await page.getByRole('button', { name: 'Re-arm' }).click();
    await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
    await expect(panel).toHaveAttribute('data-state', 'ready');
    await expect(tradingMode).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId('plan-send')).toBeEnabled();
    expect(errors).toEqual([]);
  } finally {
    await host.stop();
  }
});
