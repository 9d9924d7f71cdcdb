import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../src-shared/contract/dispatch';
import type { Candle } from '../../src-shared/domain/candle';
import type { AlertSecretInput } from '../../src-shared/contract/alerts';
import { Engine } from '../../src-main/engine/engine';
import { KeytarSecretStore } from '../../src-main/engine/secrets/keytar-secret-store';
import { runCli } from '../../src-main/host/cli/run-cli';
import { startLocalControl } from '../../src-main/host/local-control';
import { captureIo } from '../support/capture-io';
import {
  forgetAlertSecrets,
  startAlertServers,
  type LocalTelegramServer,
  type LocalWebhookServer,
} from '../support/alert-servers';
import { loadCandles } from '../support/execution-fixture';
import { ManualClock } from '../support/manual-clock';
import { requireSecretService } from '../support/secret-service';
import { useTempDirs } from '../support/temp-dir';

// Alerts from a real engine (paper venue, real BTC/USDT 1h bars) to local servers that speak
// Telegram's Bot API and a Discord-style webhook and record what they receive. Waits between
// retries and rate-limit windows move the engine's manual clock instead of sleeping. The bot
// token, chat id and webhook URL are in the OS keychain (a real Secret Service), as the hosts
// keep them, and are read from there when a message is sent.

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
beforeAll(() => requireSecretService());
const bars = loadCandles('binance_BTC-USDT_1h.csv');
const TOKEN = '123456789:AAH-secret-bot-token-do-not-log';

interface Rig {
  readonly engine: Engine;
  readonly telegram: LocalTelegramServer;
  readonly webhook: LocalWebhookServer;
  readonly waits: number[];
  readonly errors: string[];
  readonly bar: (i: number) => void;
  readonly clock: ManualClock;
  readonly dataDir: string;
  readonly auditText: () => string;
}

/** The channels' secrets the trader set: by default the ones the local servers accept. */
type SecretsFor = (t: LocalTelegramServer, w: LocalWebhookServer) => AlertSecretInput[];
const acceptedSecrets: SecretsFor = (_t, w) => [
  { channel: 'telegram', botToken: TOKEN, chatId: '-100777' },
  { channel: 'webhook', url: w.url },
];

async function rig(
  secrets: SecretsFor = acceptedSecrets,
  start = (bars[300] as Candle).openTime,
): Promise<Rig> {
  const { telegram, webhook, stop } = await startAlertServers(TOKEN, '-100777');
  cleanups.push(stop);
  const clock = new ManualClock(start);
  const waits: number[] = [];
  const errors: string[] = [];
  const dataDir = tempDir();
  const engine = Engine.start({
    dataDir,
    version: 'test',
    host: 'test',
    clock,
    scheduler: clock,
    // Bounded work: these tests move the clock by hours (the daily summary, rate-limit
    // windows); a 1 s heartbeat would run thousands of status beats they do not look at.
    heartbeatMs: 3_600_000,
    timeZone: 'UTC',
    onError: (e) => errors.push(String(e)),
    secrets: new KeytarSecretStore(),
    alerts: {
      telegramApi: telegram.base,
      random: () => 0.5,
      sleep: (ms) => {
        waits.push(ms);
        clock.advance(ms);
        return Promise.resolve();
      },
    },
  });
  cleanups.push(() => engine.stop('test'));
  cleanups.push(() => forgetAlertSecrets(engine));
  for (const input of secrets(telegram, webhook)) await engine.alertSecrets.set(input, 'user:test');
  engine.alerts.update({ telegram: true, webhook: true, perMinute: 5 }, 'user:test');
  const bar = (i: number): void => {
    const b = bars[i] as Candle;
    clock.advance(Math.max(0, b.openTime + 3_600_000 - clock.now()));
    engine.execution.onBar('BTC/USDT', b, '1h');
  };
  const auditText = (): string =>
    (
      engine.store.db.prepare('SELECT actor, payload FROM audit_log').all() as Array<{
        actor: string;
        payload: string;
      }>
    )
      .map((r) => `${r.actor} ${r.payload}`)
      .join('\n');
  return { engine, telegram, webhook, waits, errors, bar, auditText, clock, dataDir };
}

describe('alerts that reach the trader', () => {
  it('a kill reaches Telegram and the webhook once each, retried after a 5xx', async () => {
    const r = await rig();
    r.telegram.failNext(502, { ok: false, error_code: 502, description: 'Bad Gateway' });
    r.webhook.failNext(503, { message: 'upstream unavailable' });
    r.engine.risk.triggerKill({ actor: 'user:ui', reason: 'news spike', flatten: false });
    // A second trigger joins the same kill: still one alert.
    r.engine.risk.triggerKill({ actor: 'user:cli', reason: 'again', flatten: false });
    await r.engine.alerts.idle();
    expect(r.telegram.requests).toHaveLength(2);
    expect(r.telegram.messages).toEqual([
      {
        chatId: '-100777',
        text: expect.stringMatching(/^Vigil HALTED\nnews spike \(by you, in the cockpit\)/),
      },
    ]);
    expect(r.webhook.requests).toHaveLength(2);
    expect(r.webhook.received).toEqual([
      expect.objectContaining({ kind: 'halt', content: expect.stringContaining('news spike') }),
    ]);
    expect(r.waits).toEqual([750, 750]); // backoff 1 s x jitter (0.5 + 0.5/2), once per channel
    const status = await r.engine.alerts.status();
    expect(status.channels.map((c) => [c.channel, c.sent, c.failure])).toEqual([
      ['telegram', 1, null],
      ['webhook', 1, null],
    ]);
    expect(r.auditText()).not.toContain(TOKEN);
    // A 429 waits as long as the receiver asks (Discord and Telegram send retry_after in s).
    r.webhook.failNext(429, { message: 'You are being rate limited.', retry_after: 2.5 });
    r.engine.alerts.update({ telegram: false }, 'user:test');
    r.engine.alerts.send({ kind: 'test', title: 't', body: 'b', at: 0 });
    await r.engine.alerts.idle();
    expect(r.waits.slice(2)).toEqual([2500]);
    expect(r.webhook.received).toHaveLength(2);
  });

  it('a flood of fills is rate-limited: the rest goes out as one digest, nothing is lost', async () => {
    const r = await rig();
    // One channel: the test's waits move the one engine clock, which both queues' windows read.
    r.engine.alerts.update({ telegram: false }, 'user:test');
    r.bar(300);
    for (let i = 0; i < 30; i += 1) {
      const placed = await dispatchCommand(
        r.engine.handlers,
        'placeOrder',
        { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.002' },
        { origin: 'test' },
      );
      expect(placed).toMatchObject({ ok: true, output: { state: 'OPEN' } });
    }
    r.bar(301); // 30 market orders fill on this bar
    await r.engine.execution.executor.idle();
    await r.engine.alerts.idle();
    const texts = r.webhook.received.map((b) => String((b as { text: string }).text));
    expect(texts).toHaveLength(6);
    expect(texts.slice(0, 5).every((t) => t.startsWith('Filled: buy 0.002 BTC/USDT'))).toBe(true);
    expect(texts[5]).toMatch(/^Vigil: 25 alerts held back by the rate limit \(25 fill\)/);
    expect(texts[5]).toContain('… and 20 more');
    expect(r.telegram.requests).toEqual([]);
    // The digest waited once for the minute window to reopen.
    expect(r.waits).toHaveLength(1);
    expect(r.waits[0]).toBeGreaterThan(0);
    expect(r.waits[0]).toBeLessThanOrEqual(60_000);
  });

  it('a refused token fails visibly and is audited, with no token in the audit or the errors', async () => {
    const r = await rig((_t, w) => [
      { channel: 'telegram', botToken: `${TOKEN}-revoked`, chatId: '-100777' },
      { channel: 'webhook', url: `${w.base}/api/webhooks/42/wrong-secret-xyz` },
    ]);
    const seen: string[] = [];
    r.engine.events.subscribe((e) => {
      if (e.kind === 'alertStatusChanged') seen.push(JSON.stringify(e.payload));
    });
    r.engine.risk.triggerKill({ actor: 'user:ui', reason: 'drill', flatten: false });
    await r.engine.alerts.idle();
    const status = await r.engine.alerts.status();
    expect(status.channels).toMatchObject([
      { channel: 'telegram', sent: 0, failure: { error: 'HTTP 401: Unauthorized', attempts: 1 } },
      {
        channel: 'webhook',
        sent: 0,
        failure: { error: 'HTTP 401: Invalid Webhook Token', attempts: 1 },
      },
    ]);
    const failures = r
      .auditText()
      .split('\n')
      .filter((l) => l.includes('"error"'));
    expect(failures).toHaveLength(2);
    for (const text of [r.auditText(), ...r.errors, ...seen]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('wrong-secret-xyz');
    }
  });

  it('a network failure is retried, then reported without the token in the error', async () => {
    const r = await rig(() => [{ channel: 'telegram', botToken: TOKEN, chatId: '-100777' }]);
    await r.telegram.stop(); // nothing listens there any more
    r.engine.risk.triggerKill({ actor: 'user:ui', reason: 'offline drill', flatten: false });
    await r.engine.alerts.idle();
    const [telegram, webhook] = (await r.engine.alerts.status()).channels;
    expect(telegram?.failure).toMatchObject({
      attempts: 5,
      error: expect.stringContaining('ECONNREFUSED'),
    });
    expect(telegram?.failure?.error).not.toContain(TOKEN);
    expect(webhook).toMatchObject({ configured: false, sent: 0 });
    expect(r.waits).toEqual([750, 1500, 3000, 6000]);
  });

  it("sends the daily summary once a day at the time set, in the trader's zone", async () => {
    // 2026-03-10 20:30 UTC is 21:30 in Berlin; the summary is set for 22:00 there.
    const r = await rig(undefined, Date.UTC(2026, 2, 10, 20, 30));
    r.engine.risk.config.update({ timeZone: 'Europe/Berlin' }, 'user:test');
    r.engine.alerts.update(
      { dailySummary: true, dailySummaryAt: '22:00', webhook: false },
      'user:test',
    );
    r.clock.advance(29 * 60_000);
    await r.engine.alerts.idle();
    expect(r.telegram.messages).toEqual([]);
    r.clock.advance(2 * 60_000); // 22:01 in Berlin
    await r.engine.alerts.idle();
    expect(r.telegram.messages.map((m) => m.text)).toEqual([
      expect.stringMatching(
        /^Vigil daily summary: equity 10000\.00\nToday \+0\.00 .*mode RUNNING\.$/,
      ),
    ]);
    r.clock.advance(3 * 3_600_000); // 01:01 the next Berlin day, before 22:00: nothing new
    await r.engine.alerts.idle();
    expect(r.telegram.messages).toHaveLength(1);
    expect(() => r.engine.alerts.update({ dailySummaryAt: '24:00' }, 'user:test')).toThrow(
      /alert settings: dailySummaryAt: must be HH:MM/,
    );
  });

  it('vigil alerts set/test/show and vigil power set reach the running host', async () => {
    const r = await rig();
    const control = await startLocalControl({
      engine: r.engine,
      dataDir: r.dataDir,
      rendererDir: r.dataDir,
      port: 0,
      onError: (e) => r.errors.push(String(e)),
    });
    cleanups.push(() => control.stop());
    const cli = async (...args: string[]): Promise<string> => {
      const io = captureIo();
      expect(await runCli([...args, '--data-dir', r.dataDir], io), io.err.join('')).toBe(0);
      return io.out.join('');
    };
    expect(await cli('alerts', 'set', 'webhook', 'false')).toContain('webhook = false');
    expect(await cli('alerts', 'test', '--json')).toBe('{"queued":["telegram"]}\n');
    await r.engine.alerts.idle();
    expect(r.telegram.messages.map((m) => m.text)).toEqual([
      expect.stringMatching(/^Vigil test alert\nSent on request by you, in the browser cockpit\./),
    ]);
    const shown = await cli('alerts', 'show');
    expect(shown).toMatch(
      /^telegram: on; bot token and chat id …-log set \S+Z \(in the OS keychain\); sent 1, queued 0$/m,
    );
    expect(shown).toMatch(/^webhook: off; URL …cdef set \S+Z \(in the OS keychain\); sent 0/m);
    expect(shown).toContain(
      'events: halts and kills always; fills on; refusals on; PRIME signals off; daily summary off at 22:00 UTC',
    );
    expect(shown).not.toContain(TOKEN);
    expect(await cli('power', 'set', 'killOnSuspend', 'true')).toContain('killOnSuspend = true');
    expect(r.engine.power.settings.current.killOnSuspend).toBe(true);
    const bad = captureIo();
    expect(await runCli(['power', 'set', 'wakeGapSec', '1', '--data-dir', r.dataDir], bad)).toBe(1);
    expect(bad.err.join('')).toMatch(/setPowerSettings: changes.wakeGapSec: Too small/);
  });
});
