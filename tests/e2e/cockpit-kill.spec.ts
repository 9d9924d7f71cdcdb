import { expect, test } from './host-fixture';
import { collectConsoleErrors } from './console-guard';
import { submitTicket } from './ticket';

const shot = (name: string): { path: string; fullPage: boolean } => ({
  path: `test-results/screenshots/${name}.png`,
  fullPage: true,
});

// One worker, one host: the tests run in order and each leaves the engine RUNNING again.
test.describe.configure({ mode: 'serial' });

test('KILL by click halts at once, the whole UI says HALTED, re-arm needs the typed word', async ({
  page,
  host,
}) => {
  const errors = collectConsoleErrors(page);
  await page.goto(host.url);
  await expect(page.getByTestId('trading-mode')).toHaveText('PAPER');
  await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
  await expect(page.getByTestId('kill-button')).toBeVisible();
  await expect(page.getByText('Ctrl+Shift+K').first()).toBeVisible();
  await page.screenshot(shot('cockpit-running'));

  await page.getByTestId('kill-button').click();
  await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
  await expect(page.getByTestId('halted-banner')).toBeVisible();
  // Why, then who, each said once (the reason used to name the button the actor names).
  await expect(page.getByTestId('halted-detail')).toHaveText(
    'manual kill — by you, in the cockpit',
  );
  await expect(page.getByTestId('kill-by')).toHaveText(
    'By you, in the cockpit · manual kill · 1 attempt',
  );
  await expect(page.getByTestId('cockpit')).toHaveAttribute('data-halted', 'true');
  // Every panel title carries the HALTED mark (CSS), and the kill panel shows the final state.
  await expect(page.getByTestId('kill-state')).toHaveText('Kill complete');
  await expect(page.getByTestId('kill-orders-left')).toHaveText('0');
  await expect(page.getByTestId('open-orders-count')).toHaveText('0');
  await expect(page.getByTestId('toast-halt')).toBeVisible();
  await page.screenshot(shot('cockpit-halted'));

  // Re-arm stays disabled until the exact word is typed.
  const rearm = page.getByTestId('rearm-button');
  await expect(rearm).toBeDisabled();
  await page.getByTestId('rearm-input').fill('rearm');
  await expect(rearm).toBeDisabled();
  await page.getByTestId('rearm-input').fill('REARM');
  await page.screenshot(shot('cockpit-rearm-typed'));
  await rearm.click();
  await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
  await expect(page.getByTestId('halted-banner')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('KILL cancels a working paper order: none left in the book or at the venue', async ({
  page,
  host,
}) => {
  const errors = collectConsoleErrors(page);
  await page.goto(host.url);
  await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
  await submitTicket(page, {
    symbol: 'ETH/USDT',
    qty: '0.1',
    price: '300',
    stopLoss: '290',
    takeProfit: '350',
  });
  const row = page.getByTestId('order-row').first();
  await expect(row).toHaveAttribute('data-state', 'OPEN');
  await expect(page.getByTestId('open-orders-count')).toHaveText('1');

  await page.getByTestId('kill-button').click();
  await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
  await expect(page.getByTestId('kill-state')).toHaveText('Kill complete');
  await expect(row).toHaveAttribute('data-state', 'CANCELED');
  await expect(page.getByTestId('kill-orders-left')).toHaveText('0');
  await expect(page.getByTestId('open-orders-count')).toHaveText('0');
  await expect(page.getByTestId('kill-cross-check')).toHaveCount(0);
  await page.screenshot(shot('kill-with-order'));

  // While HALTED the gate refuses new orders, and the refusal says so.
  await page.getByTestId('ticket-submit').click();
  await expect(page.getByTestId('ticket-refusal')).toContainText('HALTED');
  await page.getByTestId('rearm-input').fill('REARM');
  await page.getByTestId('rearm-button').click();
  await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
  expect(errors).toEqual([]);
});

test('KILL by keyboard works from inside a text field', async ({ page, host }) => {
  const errors = collectConsoleErrors(page);
  await page.goto(host.url);
  await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
  await page.getByTestId('signal-filter').focus();
  await page.keyboard.press('Control+Shift+K');
  await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
  await expect(page.getByTestId('halted-banner')).toBeVisible();
  await expect(page.getByTestId('halted-detail')).toHaveText(
    'manual kill — by you, with the kill shortcut',
  );
  await expect(page.getByTestId('kill-orders-left')).toHaveText('0');
  // The kill chord never re-arms: pressing it again leaves HALTED in place.
  await page.keyboard.press('Control+Shift+K');
  await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
  await page.getByTestId('rearm-input').fill('REARM');
  await page.getByTestId('rearm-button').click();
  await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
  expect(errors).toEqual([]);
});

test('risk config: an invalid value shows its field error and nothing is sent', async ({
  page,
  host,
}) => {
  const errors = collectConsoleErrors(page);
  await page.goto(host.url);
  const leverage = page.getByTestId('risk-maxLeverage');
  await expect(leverage).toHaveValue('3');
  await leverage.fill('25');
  await expect(page.getByTestId('risk-maxLeverage-error')).toHaveText('must be at most 10');
  await expect(page.getByTestId('risk-save')).toBeDisabled();
  await leverage.fill('abc');
  await expect(page.getByTestId('risk-maxLeverage-error')).toContainText('must be a number');
  // A cross-field rule: the soft drawdown must stay below the hard one.
  await leverage.fill('3');
  await page.getByTestId('risk-softDrawdownPct').fill('12');
  await expect(page.getByTestId('risk-softDrawdownPct-error')).toContainText(
    'must be below Max drawdown (halt) (10), got 12',
  );
  await page.screenshot(shot('risk-field-error'));
  // A valid edit is accepted by the engine and shown back from its answer.
  await page.getByTestId('risk-softDrawdownPct').fill('7');
  await page.getByTestId('risk-save').click();
  await expect(page.getByTestId('toast-info')).toContainText('Soft drawdown (reduce)');
  await page.reload();
  await expect(page.getByTestId('risk-softDrawdownPct')).toHaveValue('7');
  expect(errors).toEqual([]);
});

test('help overlay lists the shortcuts; LIVE asks for a connection and its typed confirmation', async ({
  page,
  host,
}) => {
  const errors = collectConsoleErrors(page);
  await page.goto(host.url);
  await expect(page.getByTestId('trading-mode')).toHaveText('PAPER');
  await page.getByTestId('mode-live').click();
  await expect(page.getByTestId('live-arm-form')).toBeVisible();
  await expect(page.getByTestId('live-no-connection')).toContainText('add one first');
  await page.getByTestId('live-confirm').fill('LIVE ');
  await expect(page.getByTestId('live-go')).toBeDisabled();
  await page.getByTestId('mode-live').click();
  await expect(page.getByTestId('live-arm-form')).toHaveCount(0);
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await expect(page.getByTestId('help-overlay')).toContainText('Ctrl+Shift+K');
  await page.screenshot(shot('help-overlay'));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toHaveCount(0);
  await page.keyboard.press('5');
  await expect(page.getByTestId('tf-4h')).toHaveAttribute('aria-pressed', 'true');
  expect(errors).toEqual([]);
});
