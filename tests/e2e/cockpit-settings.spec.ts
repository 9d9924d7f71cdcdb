import { spawnSync } from 'node:child_process';
import { LocalWebhookServer } from '../support/alert-servers';
import { axeViolations } from './axe';
import { collectConsoleErrors } from './console-guard';
import { expect, launchHost, test } from './host-fixture';

// The Settings drawer in the cockpit of the real `vigil serve`: an alert channel's secret set
// in its masked form (a slip refused before sending, then stored in the OS keychain and shown
// only by its last four characters), the channel turned on and a test alert delivered to a
// local Discord-style webhook on 127.0.0.1; which events alert, the daily summary time, sleep
// and wake, and close to tray, each persisted by the engine (a reload reads them back).

test.setTimeout(120_000);

const BOT_TOKEN = '6100200300:AAFe2eBotTokenKx7Lm2Np9Qr4St1Uv8Wz5';

/** `vigil alerts show` against the running host: what the engine itself reports. */
function alertsShow(dataDir: string): string {
  const run = spawnSync(
    process.execPath,
    ['bin/vigil.mjs', 'alerts', 'show', '--data-dir', dataDir],
    {
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  expect(run.stderr).toBe('');
  return run.stdout;
}

test('set an alert secret in the masked form, turn the channel on, get a test alert; edit what alerts and sleep/wake', async ({
  page,
}) => {
  const webhook = new LocalWebhookServer();
  await webhook.start();
  const host = await launchHost();
  try {
    const errors = collectConsoleErrors(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(host.url);
    await expect(page.getByTestId('alerts-summary')).toHaveText('OFF');
    await page.getByTestId('open-settings').click();
    const drawer = page.getByTestId('settings-drawer');
    await expect(drawer).toBeVisible();

    // Webhook: cannot be turned on before its secret is set.
    const card = drawer.getByTestId('alert-channel-webhook');
    await expect(card.getByTestId('alert-secret-status-webhook')).toHaveText('No webhook URL set');
    await expect(card.getByTestId('alert-enabled-webhook')).toBeDisabled();
    const url = card.getByTestId('alert-secret-webhook-url');
    await expect(url).toHaveAttribute('type', 'password');
    // A plain-http URL to another machine is refused here, nothing sent, what was typed kept.
    await url.fill('http://hooks.example.com/services/T1/B2/plainHttpSecret');
    await card.getByTestId('alert-secret-webhook-save').click();
    await expect(card.getByTestId('alert-secret-webhook-error')).toHaveText(
      'the webhook URL must start with https:// (it carries its token; plain http only to 127.0.0.1 or [::1]); nothing was sent',
    );
    await expect(url).toHaveValue('http://hooks.example.com/services/T1/B2/plainHttpSecret');
    await url.fill(webhook.url);
    await card.getByTestId('alert-secret-webhook-save').click();
    await expect(card.getByTestId('alert-secret-status-webhook')).toContainText(
      'URL …cdef in the OS keychain, set',
    );
    await expect(url).toHaveValue('');
    await expect(card.getByTestId('alert-secret-webhook-error')).toHaveCount(0);
    await card.getByTestId('alert-enabled-webhook').check();
    await expect(card.getByTestId('alert-enabled-webhook')).toBeChecked();
    await expect(page.getByTestId('alerts-summary')).toHaveText('webhook');

    // A test alert reaches the webhook, through the engine's queue and the keychain's URL.
    await drawer.getByTestId('alert-send-test').click();
    await expect.poll(() => webhook.received.length, { timeout: 20_000 }).toBe(1);
    expect(webhook.received[0]).toMatchObject({ kind: 'test', title: 'Vigil test alert' });
    await expect(card.getByTestId('alert-sent-webhook')).toHaveText('sent 1');

    // Telegram: set and deleted again (left off: its API is not on this machine).
    const tg = drawer.getByTestId('alert-channel-telegram');
    await tg.getByTestId('alert-secret-telegram-token').fill(` ${BOT_TOKEN}`);
    await tg.getByTestId('alert-secret-telegram-chat').fill('-1001234567890');
    await tg.getByTestId('alert-secret-telegram-save').click();
    await expect(tg.getByTestId('alert-secret-telegram-error')).toHaveText(
      'the bot token has leading or trailing spaces (a copy-paste slip?); nothing was sent',
    );
    await tg.getByTestId('alert-secret-telegram-token').fill(BOT_TOKEN);
    await tg.getByTestId('alert-secret-telegram-save').click();
    await expect(tg.getByTestId('alert-secret-status-telegram')).toContainText(
      'Bot token …8Wz5 in the OS keychain',
    );
    await expect(tg.getByTestId('alert-secret-telegram-token')).toHaveValue('');
    await expect(tg.getByTestId('alert-secret-telegram-chat')).toHaveValue('');

    // What alerts: PRIME on, fills off, the daily summary at 07:30 in the trading-day zone.
    await drawer.getByTestId('alert-event-prime').check();
    await drawer.getByTestId('alert-event-fills').uncheck();
    await expect(drawer.getByTestId('alert-event-halt')).toBeDisabled();
    await expect(drawer.getByTestId('alert-event-halt')).toBeChecked();
    await drawer.getByTestId('alert-timing-dailySummaryAt').fill('25:00');
    await expect(drawer.getByTestId('alert-timing-dailySummaryAt-error')).toHaveText(
      'must be HH:MM (24 h)',
    );
    await expect(drawer.getByTestId('alert-timing-save')).toBeDisabled();
    await drawer.getByTestId('alert-timing-dailySummaryAt').fill('07:30');
    await drawer.getByTestId('alert-timing-save').click();
    await expect(drawer.getByTestId('alert-timing-save')).toBeDisabled();

    // Sleep and wake; close to tray.
    await drawer.getByTestId('power-killOnSuspend').check();
    await drawer.getByTestId('power-wakeGapSec').fill('2');
    await expect(drawer.getByTestId('power-wakeGapSec-error')).toHaveText('must be at least 5');
    await drawer.getByTestId('power-wakeGapSec').fill('120');
    await drawer.getByTestId('power-save').click();
    await expect(drawer.getByTestId('power-save')).toBeDisabled();
    await drawer.getByTestId('desktop-closeToTray').uncheck();
    await expect(drawer.getByTestId('desktop-closeToTray')).not.toBeChecked();

    await expect(card.getByTestId('alert-state-webhook')).toHaveText('ON');
    await expect(tg.getByTestId('alert-state-telegram')).toHaveText('off');
    await drawer.evaluate((el: { scrollTo(x: number, y: number): void }) => el.scrollTo(0, 0));
    for (const [width, height] of [
      [1280, 720],
      [1280, 800],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({
        path: `test-results/screenshots/cockpit-settings-${width}x${height}.png`,
      });
    }
    // Accessible with the drawer open (labels, contrast, roles), as the cockpit itself.
    expect(await axeViolations(page), 'axe-core violations with Settings open').toEqual([]);
    // Nothing the page holds carries a secret: fields are cleared, statuses show tails.
    const html = await page.content();
    for (const secret of [webhook.secret, BOT_TOKEN, 'plainHttpSecret']) {
      expect(html).not.toContain(secret);
    }

    // The engine kept every choice: a fresh page reads them back from it.
    await page.reload();
    await page.getByTestId('open-settings').click();
    await expect(drawer.getByTestId('alert-enabled-webhook')).toBeChecked();
    await expect(drawer.getByTestId('alert-event-prime')).toBeChecked();
    await expect(drawer.getByTestId('alert-event-fills')).not.toBeChecked();
    await expect(drawer.getByTestId('alert-timing-dailySummaryAt')).toHaveValue('07:30');
    await expect(drawer.getByTestId('power-killOnSuspend')).toBeChecked();
    await expect(drawer.getByTestId('power-wakeGapSec')).toHaveValue('120');
    await expect(drawer.getByTestId('desktop-closeToTray')).not.toBeChecked();
    const shown = alertsShow(host.dataDir);
    expect(shown).toMatch(/^webhook: on; URL …cdef set \S+Z \(in the OS keychain\); sent 1/m);
    expect(shown).toMatch(/^telegram: off; bot token and chat id …8Wz5 set/m);
    expect(shown).toMatch(/PRIME signals on; daily summary off at 07:30 /);
    expect(shown).not.toContain(webhook.secret);

    // Deleting the secrets from the form removes them from the keychain.
    await drawer.getByTestId('alert-secret-telegram-delete').click();
    await expect(drawer.getByTestId('alert-secret-status-telegram')).toHaveText(
      'No bot token and chat id set',
    );
    await drawer.getByTestId('alert-secret-webhook-delete').click();
    await expect(drawer.getByTestId('alert-secret-status-webhook')).toHaveText(
      'No webhook URL set',
    );
    await expect(drawer.getByTestId('alert-channel-webhook')).toContainText(
      'On, but no secret is set: nothing can be sent.',
    );
    await page.keyboard.press('Escape');
    await expect(drawer).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await host.stop();
    await webhook.stop();
  }
});
