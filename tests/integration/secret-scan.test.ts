import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { forgetAlertSecrets, startAlertServers } from '../support/alert-servers';
import { TRADE_ONLY_KEY } from '../support/binance-payloads';
import { addMainArgs, startLiveHost, type LiveHostRig } from '../support/live-host-rig';
import { requireSecretService } from '../support/secret-service';
import { useTempDirs } from '../support/temp-dir';

// After a session that sets a key (CLI and the cockpit's form), verifies it, trades paper on
// live prices and restarts, the key material appears nowhere: not in any file of the data
// folder (SQLite, its WAL and shared memory, host.json), not in the audit chain, not in the
// host's log or CLI output, and not in any frame the host sent to a renderer. The same for the
// alert channels' secrets (Telegram's bot token and chat id, the webhook URL), set through the
// CLI and the cockpit's form, replaced, used for deliveries that succeed and fail.

const tempDir = useTempDirs();
let rig: LiveHostRig | undefined;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
  for (const c of cleanups.splice(0).reverse()) await c();
});
beforeAll(() => requireSecretService());

const API_KEY = 'scanKeyQ8wY2rT5uI9oP3aS6dF1gH4jK7lZ0xC';
const SECRET = 'scanSecret-Vn3Bm8Qw2Er7Ty1Ui6Op4As9Df5Gh0';
const FORM_KEY = 'formKeyL2kJ9hG4fD7sA1pO6iU3yT8rE5wQ0zX';
const FORM_SECRET = 'formSecret-Mn5Bv1Cx7Zl3Kj9Hg2Fd6Sa4Qw8Er0';
const BOT_TOKEN = '7301234567:AAEscanBotTokenU3hJ8kL1mN6bV9cX2zQ';
const REVOKED_BOT_TOKEN = '7301234567:AAErevokedTokenP4oI7uY2tR5eW8qA1s';
const CHAT_ID = '-1004815162342';

/** Every way a secret could sit in bytes: as text, and base64 or hex encoded. */
function forms(secret: string): string[] {
  return [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex')];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secret scan', () => {
  it('no key or secret anywhere after a session that sets, verifies and trades', async () => {
    const { telegram, webhook, stop } = await startAlertServers(BOT_TOKEN, CHAT_ID);
    cleanups.push(stop);
    rig = await startLiveHost(tempDir(), { alerts: { telegramApi: telegram.base } });
    const r = rig;
    cleanups.push(() => forgetAlertSecrets(r.engine));
    r.server.addApiKey({ apiKey: API_KEY, secret: SECRET, restrictions: TRADE_ONLY_KEY });
    r.server.addApiKey({ apiKey: FORM_KEY, secret: FORM_SECRET, restrictions: TRADE_ONLY_KEY });
    const ui = await r.renderer();
    const outputs: string[] = [];
    const cli = async (args: string[], stdin?: string): Promise<number> => {
      const { code, io } = await r.cli(args, stdin);
      outputs.push(...io.out, ...io.err);
      return code;
    };
    expect(await cli(addMainArgs(r.server.url))).toBe(0);
    expect(
      await cli(
        ['keys', 'set', 'main', '--stdin'],
        JSON.stringify({ apiKey: API_KEY, secret: SECRET }),
      ),
    ).toBe(0);
    expect(await cli(['keys', 'status'])).toBe(0);
    expect(await cli(['keys', 'verify', 'main'])).toBe(0);
    expect(await cli(['exchange', 'list', '--json'])).toBe(0);
    // The cockpit's masked form sends a replacement key over the contract.
    const replaced = await ui.client.call('setExchangeKey', {
      connection: 'main',
      apiKey: FORM_KEY,
      secret: FORM_SECRET,
    });
    expect(replaced).toMatchObject({ publicKeyHint: '…Q0zX', verification: { verdict: 'passed' } });
    // A refused key attempt (bad JSON on stdin) must not echo either.
    expect(await cli(['keys', 'set', 'main', '--stdin'], `{"apiKey":"${API_KEY}",`)).toBe(1);

    // Alert secrets: a revoked bot token from the CLI (Telegram refuses it: a failure with an
    // error text), replaced by the current one from the cockpit's form; the webhook URL from
    // the form; deliveries of a test alert and a kill; a bad stdin attempt.
    const tgStdin = (token: string): string => JSON.stringify({ botToken: token, chatId: CHAT_ID });
    expect(
      await cli(['alerts', 'secret', 'set', 'telegram', '--stdin'], tgStdin(REVOKED_BOT_TOKEN)),
    ).toBe(0);
    await ui.client.call('setAlertSettings', { changes: { telegram: true, webhook: true } });
    expect(await cli(['alerts', 'test'])).toBe(0);
    await r.engine.alerts.idle();
    expect((await ui.client.call('getAlertStatus', {})).channels[0]?.failure?.error).toBe(
      'HTTP 401: Unauthorized',
    );
    await ui.client.call('setAlertSecret', {
      channel: 'telegram',
      botToken: BOT_TOKEN,
      chatId: CHAT_ID,
    });
    await ui.client.call('setAlertSecret', { channel: 'webhook', url: webhook.url });
    await ui.client.call('sendTestAlert', {});
    await r.engine.alerts.idle();
    expect(telegram.messages).toHaveLength(1);
    expect(webhook.received).toHaveLength(1);
    expect(await cli(['alerts', 'show'])).toBe(0);
    expect(await cli(['alerts', 'show', '--json'])).toBe(0);
    expect(
      await cli(['alerts', 'secret', 'set', 'webhook', '--stdin'], `{"url":"${webhook.url}`),
    ).toBe(1);

    // Paper trading on live prices.
    await r.untilLive();
    await r.runUntil(Date.parse('2018-06-18T12:01:05Z'));
    await ui.client.call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.01',
    });
    await r.runUntil(Date.parse('2018-06-18T12:02:05Z'));
    expect((await ui.client.call('listFills', {})).fills).toHaveLength(1);
    await ui.client.call('getKeyStatus', {});
    await ui.client.call('listConnections', {});
    ui.close();
    r.engine.risk.triggerKill({ actor: 'user:test', reason: 'scan drill', flatten: false });
    await r.engine.alerts.idle();
    expect(telegram.messages.map((m) => m.text.split('\n')[0])).toEqual([
      'Vigil test alert',
      'Filled: buy 0.01 BTC/USDT',
      'Vigil HALTED',
    ]);
    await r.restart(); // verifies the stored key again at start
    await r.engine.keysCheckedAtStart;
    expect(
      r.engine.store.db
        .prepare(
          "SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'key.verified' AND actor = 'system:host'",
        )
        .get(),
    ).toEqual({ n: 1 });
    const late = await r.renderer();
    await late.client.call('listConnections', {});
    expect((await late.client.call('getAlertStatus', {})).channels).toMatchObject([
      { channel: 'telegram', configured: true, secret: { set: true, hint: '…X2zQ' } },
      { channel: 'webhook', configured: true, secret: { set: true, hint: '…cdef' } },
    ]);
    late.close();

    const alertSecrets = [BOT_TOKEN, REVOKED_BOT_TOKEN, CHAT_ID, webhook.url, webhook.secret];
    const needles = [API_KEY, SECRET, FORM_KEY, FORM_SECRET, ...alertSecrets].flatMap(forms);
    const haystacks: Array<[string, string]> = [
      ...filesUnder(r.dataDir).map((f): [string, string] => [
        f,
        readFileSync(f).toString('latin1'),
      ]),
      ['audit chain', JSON.stringify(r.engine.store.db.prepare('SELECT * FROM audit_log').all())],
      ['host log', r.log.join('\n')],
      ['CLI output', outputs.join('')],
      ['frames to the renderer', [...ui.frames, ...late.frames].join('\n')],
    ];
    expect(filesUnder(r.dataDir).map((f) => f.slice(r.dataDir.length))).toEqual(
      expect.arrayContaining(['/vigil.db', '/vigil.db-wal', '/host.json']),
    );
    expect(ui.frames.length).toBeGreaterThan(20);
    for (const [where, text] of haystacks) {
      for (const needle of needles) {
        if (text.includes(needle)) throw new Error(`key material found in ${where}`);
      }
    }
    // What may be shown: the last four characters.
    expect(outputs.join('')).toContain('key …Z0xC set');
    expect(ui.frames.join('')).toContain('"publicKeyHint":"…Q0zX"');
    expect(outputs.join('')).toContain('bot token and chat id …qA1s set');
    expect(outputs.join('')).toContain('telegram: on; bot token and chat id …X2zQ set');
    expect(ui.frames.join('')).toContain('"hint":"…cdef"');
  }, 120_000);
});
