import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Engine } from '../../src-main/engine/engine';
import { KeytarSecretStore } from '../../src-main/engine/secrets/keytar-secret-store';
import { startLocalControl } from '../../src-main/host/local-control';
import { LocalTelegramServer } from '../support/alert-servers';
import { collectConsoleErrors } from './console-guard';

// An alert that cannot reach the trader shows in the cockpit. The host runs in this process
// (Engine + local control, as `vigil serve` composes them, the token in the OS keychain) with
// Telegram pointed at a local Bot API server that no longer accepts the bot's token.

const cleanups: Array<() => Promise<void> | void> = [];
test.afterEach(async () => {
  for (const stop of cleanups.splice(0).reverse()) await stop();
});

test('a kill alert Telegram refuses is shown in the cockpit, without the token', async ({
  page,
}) => {
  const errors = collectConsoleErrors(page);
  const token = '987654:revoked-token-never-shown';
  const telegram = new LocalTelegramServer('987654:current-token-the-bot-has-now', '-100777');
  await telegram.start();
  cleanups.push(() => telegram.stop());
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-alerts-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const engine = Engine.start({
    dataDir,
    version: 'e2e',
    host: 'test',
    onError: (e) => console.error(e),
    secrets: new KeytarSecretStore(),
    alerts: { telegramApi: telegram.base },
  });
  cleanups.push(() => engine.stop('e2e done'));
  cleanups.push(async () => {
    await engine.secrets.purpose('alerts').delete('telegram');
  });
  await engine.alertSecrets.set(
    { channel: 'telegram', botToken: token, chatId: '-100777' },
    'user:e2e',
  );
  engine.alerts.update({ telegram: true }, 'user:e2e');
  const control = await startLocalControl({
    engine,
    dataDir,
    rendererDir: join(process.cwd(), 'out', 'renderer'),
    port: 0,
    onError: (e) => console.error(e),
  });
  cleanups.push(() => control.stop());

  await page.goto(control.server.url);
  await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
  await expect(page.getByTestId('alert-failure')).toHaveCount(0);
  await page.getByTestId('kill-button').click();
  await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
  const failure = page.getByTestId('alert-failure-telegram');
  await expect(failure).toContainText('Telegram: HTTP 401: Unauthorized');
  await expect(failure).toContainText('Vigil HALTED');
  await expect(page.getByTestId('alert-failure')).not.toContainText(token);
  await expect(page.getByTestId('alerts-summary')).toHaveText('FAILING');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: 'test-results/screenshots/cockpit-alert-failure-1280.png' });
  expect(telegram.requests).toHaveLength(1);
  expect(errors).toEqual([]);
});
