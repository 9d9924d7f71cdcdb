import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../src-shared/contract/dispatch';
import { Engine } from '../../src-main/engine/engine';
import { KeytarSecretStore } from '../../src-main/engine/secrets/keytar-secret-store';
import { runCli } from '../../src-main/host/cli/run-cli';
import { startLocalControl } from '../../src-main/host/local-control';
import {
  forgetAlertSecrets,
  startAlertServers,
  type LocalTelegramServer,
  type LocalWebhookServer,
} from '../support/alert-servers';
import { captureIo, type CapturedIo } from '../support/capture-io';
import { ManualClock } from '../support/manual-clock';
import { requireSecretService } from '../support/secret-service';
import { useTempDirs } from '../support/temp-dir';

// The alert channels' secrets through `vigil alerts secret` and the contract, in the OS
// keychain (a real Secret Service): set before any Vigil runs, used by the engine when it
// sends, replaced through the running host, deleted; refused input stores nothing; a secret
// that vanished from the keychain shows as a failure. Telegram and the webhook are local
// servers that accept only the current secret.

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
beforeAll(() => requireSecretService());

const OLD_TOKEN = '5550001:AAF-old-token-the-bot-had-once-Wq3x';
const NEW_TOKEN = '5550001:AAG-new-token-from-botfather-Zr8k';
const CHAT = '-1009876543210';

interface Session {
  readonly dataDir: string;
  readonly telegram: LocalTelegramServer;
  readonly webhook: LocalWebhookServer;
  /** The CLI in-process on this data folder; `answers` feeds a terminal's hidden prompts. */
  cli(
    args: readonly string[],
    input?: { stdin: string } | { answers: readonly string[] },
  ): Promise<{ code: number; io: CapturedIo; prompts: string[] }>;
  /** Starts the engine and the local control channel (host.json), as `vigil serve` does. */
  startHost(): Promise<Engine>;
}

async function session(): Promise<Session> {
  const dataDir = tempDir();
  const { telegram, webhook, stop } = await startAlertServers(NEW_TOKEN, CHAT);
  cleanups.push(stop);
  const clock = new ManualClock(Date.UTC(2026, 2, 10, 9, 30));
  return {
    dataDir,
    telegram,
    webhook,
    async cli(args, input) {
      const prompts: string[] = [];
      const answers = input !== undefined && 'answers' in input ? [...input.answers] : [];
      const io: CapturedIo = {
        ...captureIo(),
        input: {
          interactive: input !== undefined && 'answers' in input,
          readSecret: (prompt) => {
            prompts.push(prompt);
            return Promise.resolve(answers.shift() ?? '');
          },
          readAll: () =>
            Promise.resolve(input !== undefined && 'stdin' in input ? input.stdin : ''),
        },
      };
      const code = await runCli([...args, '--data-dir', dataDir], io);
      return { code, io, prompts };
    },
    async startHost() {
      const engine = Engine.start({
        dataDir,
        version: 'test',
        host: 'host',
        clock,
        scheduler: clock,
        timeZone: 'UTC',
        secrets: new KeytarSecretStore(),
        alerts: {
          telegramApi: telegram.base,
          random: () => 0.5,
          sleep: (ms) => Promise.resolve(clock.advance(ms)),
        },
      });
      cleanups.push(() => engine.stop('test'));
      cleanups.push(() => forgetAlertSecrets(engine));
      const control = await startLocalControl({
        engine,
        dataDir,
        rendererDir: dataDir,
        port: 0,
        onError: (e) => {
          throw e;
        },
      });
      cleanups.push(() => control.stop());
      return engine;
    },
  };
}

function alertSecretAudit(
  engine: Engine,
): Array<{ kind: string; actor: string; payload: unknown }> {
  return (
    engine.store.db
      .prepare(
        "SELECT kind, actor, payload FROM audit_log WHERE kind LIKE 'alert.secret%' ORDER BY seq",
      )
      .all() as Array<{ kind: string; actor: string; payload: string }>
  ).map((r) => ({ ...r, payload: JSON.parse(r.payload) as unknown }));
}

describe('alert secrets in the OS keychain', () => {
  it('set before Vigil runs, used when a kill alerts, replaced through the host, then deleted', async () => {
    const s = await session();
    // No Vigil running: stored on the data folder's keychain profile for the next start.
    const offline = await s.cli(['alerts', 'secret', 'set', 'telegram', '--stdin'], {
      stdin: JSON.stringify({ botToken: OLD_TOKEN, chatId: CHAT }),
    });
    expect([offline.code, offline.io.err.join('')]).toEqual([0, '']);
    expect(offline.io.out.join('')).toMatch(
      /^telegram: bot token and chat id …Wq3x set 20\d\d-\S+Z \(in the OS keychain\) \(no Vigil is running: the next start uses it\)\n$/,
    );

    const engine = await s.startHost();
    expect(await s.cli(['alerts', 'set', 'telegram', 'true'])).toMatchObject({ code: 0 });
    // The old token: Telegram refuses it, and the cockpit's status says so.
    engine.risk.triggerKill({ actor: 'user:ui', reason: 'drill', flatten: false });
    await engine.alerts.idle();
    expect(s.telegram.messages).toEqual([]);
    let shown = (await s.cli(['alerts', 'show'])).io.out.join('');
    expect(shown).toMatch(/^telegram: on; bot token and chat id …Wq3x set .*; sent 0, queued 0$/m);
    expect(shown).toMatch(
      /^ {2}NOT DELIVERED \S+: “Vigil HALTED”: HTTP 401: Unauthorized \(1 attempt\(s\)\)$/m,
    );
    expect(shown).toMatch(/^webhook: off; no URL set; sent 0, queued 0$/m);

    // Replaced on a terminal through the running host: the next message uses the new token.
    const replaced = await s.cli(['alerts', 'secret', 'set', 'telegram'], {
      answers: [NEW_TOKEN, CHAT],
    });
    expect(replaced.prompts).toEqual([
      'Telegram bot token from @BotFather (not shown): ',
      'Chat id (not shown): ',
    ]);
    expect(replaced.io.out.join('')).toMatch(
      /^telegram: bot token and chat id …Zr8k set \S+Z \(in the OS keychain\)\n$/,
    );
    const webhookSet = await s.cli(['alerts', 'secret', 'set', 'webhook'], {
      answers: [s.webhook.url],
    });
    expect([webhookSet.code, webhookSet.prompts]).toEqual([0, ['Webhook URL (not shown): ']]);
    expect(await s.cli(['alerts', 'set', 'webhook', 'true'])).toMatchObject({ code: 0 });
    expect((await s.cli(['alerts', 'test', '--json'])).io.out.join('')).toBe(
      '{"queued":["telegram","webhook"]}\n',
    );
    await engine.alerts.idle();
    expect(s.telegram.messages).toEqual([
      { chatId: CHAT, text: expect.stringMatching(/^Vigil test alert\n/) },
    ]);
    expect(s.webhook.received).toHaveLength(1);
    shown = (await s.cli(['alerts', 'show'])).io.out.join('');
    expect(shown).toMatch(/^telegram: on; bot token and chat id …Zr8k set .*; sent 1, queued 0$/m);
    expect(shown).toMatch(/^webhook: on; URL …cdef set .*; sent 1, queued 0$/m);
    expect(shown).not.toContain('NOT DELIVERED');

    // Deleted: gone from the keychain; the channel is no longer configured.
    const deleted = await s.cli(['alerts', 'secret', 'delete', 'telegram']);
    expect([deleted.code, deleted.io.out.join('')]).toEqual([
      0,
      'telegram: no bot token and chat id set\n',
    ]);
    expect(await engine.secrets.purpose('alerts').get('telegram')).toBeNull();
    const status = await engine.alerts.status();
    expect(status.channels[0]).toMatchObject({
      channel: 'telegram',
      configured: false,
      secret: { set: false, hint: null, setAt: null },
    });
    const again = await s.cli(['alerts', 'secret', 'delete', 'telegram']);
    expect([again.code, again.io.err.join('')]).toEqual([
      1,
      'vigil alerts: no Telegram secret is set\n',
    ]);

    // Audited with the channel and the masked tail only; by whom.
    expect(alertSecretAudit(engine)).toEqual([
      {
        kind: 'alert.secret_set',
        actor: 'user:cli',
        payload: { channel: 'telegram', hint: '…Wq3x' },
      },
      {
        kind: 'alert.secret_replaced',
        actor: 'user:websocket',
        payload: { channel: 'telegram', hint: '…Zr8k' },
      },
      {
        kind: 'alert.secret_set',
        actor: 'user:websocket',
        payload: { channel: 'webhook', hint: '…cdef' },
      },
      {
        kind: 'alert.secret_deleted',
        actor: 'user:websocket',
        payload: { channel: 'telegram', hint: '…Zr8k' },
      },
    ]);
  });

  it('refuses malformed secrets naming the problem, storing nothing and echoing nothing', async () => {
    const s = await session();
    const engine = await s.startHost();
    const refused: Array<[string[], { stdin: string }, RegExp]> = [
      [
        ['alerts', 'secret', 'set', 'telegram', '--stdin'],
        { stdin: JSON.stringify({ botToken: `bot${NEW_TOKEN}`, chatId: CHAT }) },
        /^vigil alerts: Telegram: the bot token starts with 'bot' \(copied from an API URL\?\).*; nothing was stored\n$/,
      ],
      [
        ['alerts', 'secret', 'set', 'telegram', '--stdin'],
        { stdin: JSON.stringify({ botToken: NEW_TOKEN, chatId: 'my group' }) },
        /^vigil alerts: Telegram: the chat id must be a number .*; nothing was stored\n$/,
      ],
      [
        ['alerts', 'secret', 'set', 'webhook', '--stdin'],
        { stdin: JSON.stringify({ url: 'http://hooks.slack.com/services/T1/B2/plainHttpSecret' }) },
        /^vigil alerts: webhook: the webhook URL must start with https:\/\/ \(it carries its token; plain http only to 127\.0\.0\.1 or \[::1\]\); nothing was stored\n$/,
      ],
      [
        ['alerts', 'secret', 'set', 'telegram', '--stdin'],
        { stdin: `{"botToken":"${NEW_TOKEN}",` },
        /^vigil alerts secret set: standard input is not one JSON object \{"botToken": \.\.\., "chatId": \.\.\.\}\n$/,
      ],
      [
        ['alerts', 'secret', 'set', 'webhook', '--stdin'],
        { stdin: JSON.stringify({ url: s.webhook.url, extra: 1 }) },
        /^vigil alerts secret set: standard input must be \{"url": \.\.\.\}; wrong or missing: \(object\)\n$/,
      ],
    ];
    for (const [args, input, message] of refused) {
      const { code, io } = await s.cli(args, input);
      expect(code).toBe(1);
      expect(io.err.join('')).toMatch(message);
      expect([...io.out, ...io.err].join('')).not.toMatch(/new-token|plainHttpSecret|whsec/);
    }
    // No terminal and no --stdin: nothing to read from.
    const noTty = await s.cli(['alerts', 'secret', 'set', 'webhook']);
    expect([noTty.code, noTty.io.err.join('')]).toEqual([
      1,
      'vigil alerts secret set: no terminal to prompt on; pipe the secret as JSON with --stdin\n',
    ]);
    expect((await s.cli(['alerts', 'secret', 'set', 'sms'])).code).toBe(2);
    expect((await s.cli(['alerts', 'secret', 'delete', 'webhook', '--stdin'])).code).toBe(2);
    expect((await s.cli(['alerts', 'secret', 'show', 'webhook'])).code).toBe(2);
    expect(engine.alertSecrets.status('telegram').set).toBe(false);
    expect(engine.alertSecrets.status('webhook').set).toBe(false);
    expect(await engine.secrets.purpose('alerts').get('telegram')).toBeNull();
    expect(await engine.secrets.purpose('alerts').get('webhook')).toBeNull();
    expect(alertSecretAudit(engine)).toEqual([]);
  });

  it('a secret gone from the keychain behind Vigil’s back shows as a failure until set again', async () => {
    const s = await session();
    const engine = await s.startHost();
    await engine.alertSecrets.set({ channel: 'webhook', url: s.webhook.url }, 'user:test');
    engine.alerts.update({ webhook: true }, 'user:test');
    expect((await engine.alerts.status()).channels[1]).toMatchObject({
      configured: true,
      failure: null,
    });
    // E.g. removed with the keyring manager: Vigil's record still says it is set.
    await engine.secrets.purpose('alerts').delete('webhook');
    const [, webhook] = (await engine.alerts.status()).channels;
    expect(webhook).toMatchObject({ configured: false, secret: { set: true, hint: '…cdef' } });
    expect(webhook?.failure?.error).toMatch(
      /^the webhook secret …cdef \(set 2026-03-10T09:30:00\.000Z\) is missing from the OS keychain; set it again with `vigil alerts secret set webhook` or in the cockpit's Settings$/,
    );
    await engine.alertSecrets.set({ channel: 'webhook', url: s.webhook.url }, 'user:test');
    expect((await engine.alerts.status()).channels[1]).toMatchObject({
      configured: true,
      failure: null,
    });
  });

  it('a keychain that cannot be used refuses the secret with the remedy, recording nothing', async () => {
    const engine = Engine.start({
      dataDir: tempDir(),
      version: 'test',
      host: 'test',
      // The hosts' store, its native library missing (libsecret not installed).
      secrets: new KeytarSecretStore({
        load: () => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')),
      }),
    });
    cleanups.push(() => engine.stop('test'));
    const result = await dispatchCommand(
      engine.handlers,
      'setAlertSecret',
      { channel: 'webhook', url: 'https://discord.com/api/webhooks/1/never-stored' },
      { origin: 'test' },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect(result.ok ? '' : result.error.message).toMatch(
      /^The keychain library could not be loaded \(libsecret-1\.so\.0: .*\)\. Vigil keeps exchange keys and alert secrets only in the OS keychain: install and start a Secret Service/,
    );
    expect(result.ok ? '' : result.error.message).not.toContain('never-stored');
    expect(engine.alertSecrets.status('webhook').set).toBe(false);
    expect(alertSecretAudit(engine)).toEqual([]);
  });

  it('an engine without a keychain refuses to store a secret and records nothing', async () => {
    const engine = Engine.start({ dataDir: tempDir(), version: 'test', host: 'test' });
    cleanups.push(() => engine.stop('test'));
    const result = await dispatchCommand(
      engine.handlers,
      'setAlertSecret',
      { channel: 'telegram', botToken: NEW_TOKEN, chatId: CHAT },
      { origin: 'test' },
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'REFUSED',
        message:
          'this engine was started without an OS keychain, so it cannot store keys or alert secrets',
      },
    });
    expect(engine.alertSecrets.status('telegram')).toEqual({
      channel: 'telegram',
      set: false,
      hint: null,
      setAt: null,
    });
    expect(alertSecretAudit(engine)).toEqual([]);
  });
});
