import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../src-main/engine/engine';
import { ManualClock } from '../support/manual-clock';
import { MemorySecretStore } from '../support/memory-secret-store';
import { LocalWebhookServer } from '../support/alert-servers';
import { distribution, formatMicros, timeMicros } from './measure';

/**
 * What an alert costs the engine's event loop: publishing an engine event that becomes an
 * alert (router + queue push, as the engine's event bus runs it), while the webhook is a real
 * local HTTP server. The ceiling is the kill path's budget for one listener: 50 us at p99.
 * Compared with the same publish with alerts off, so the ratio is the alerts' own share.
 */
export async function runAlertsBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-alerts-'));
  const webhook = new LocalWebhookServer();
  await webhook.start();
  try {
    const clock = new ManualClock(Date.UTC(2026, 0, 5));
    const engine = Engine.start({
      dataDir: dir,
      version: 'bench',
      host: 'bench',
      clock,
      scheduler: new ManualClock(0),
      // The webhook URL is read from this store when a message is sent, off the measured
      // publish; a memory store keeps the bench free of a D-Bus session (the keychain itself
      // is tested against a real Secret Service).
      secrets: new MemorySecretStore(),
      alerts: {
        // The minute window passes on the bench's clock, not in real time.
        sleep: (ms) => Promise.resolve(clock.advance(ms)),
      },
    });
    await engine.alertSecrets.set({ channel: 'webhook', url: webhook.url }, 'bench');
    const fill = {
      bookId: 'paper',
      fillId: 'f',
      clientOrderId: 'c',
      symbol: 'BTC/USDT',
      side: 'buy',
      qty: '0.01',
      price: '6716.46',
      notional: '67.1646',
      fee: '0.067',
      feeAsset: 'USDT',
      feeQuote: '0.067',
      liquidity: 'taker',
      realizedPnl: '0',
      at: clock.now(),
    } as const;
    const measure = (): number[] =>
      Array.from({ length: 2000 }, () =>
        timeMicros(() => engine.events.publish('fillRecorded', fill)),
      );
    engine.alerts.update({ webhook: false }, 'bench');
    const off = distribution(measure().slice(200));
    engine.alerts.update({ webhook: true, perMinute: 60 }, 'bench');
    const on = distribution(measure().slice(200));
    console.log(`publish fillRecorded, alerts off: ${formatMicros(off)}`);
    console.log(`publish fillRecorded, alerts on (queued to a local webhook): ${formatMicros(on)}`);
    console.log(
      `alerts' share at p99: ${(on.p99 - off.p99).toFixed(1)} us; ceiling 50 us: ${on.p99 - off.p99 <= 50 ? 'ok' : 'OVER'}`,
    );
    await engine.alerts.idle();
    console.log(
      `webhook received ${webhook.received.length} message(s) for 2000 fills (limit 60/min, the rest in digests)`,
    );
    engine.stop('bench');
  } finally {
    await webhook.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
