import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../src-shared/contract/dispatch';
import type { ScannerSignal } from '../../src-shared/contract/scanner';
import { MAX_COMMAND_BYTES } from '../../src-shared/contract/wire';
import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import { ScannerCore } from '../../src-main/engine/scanner/scanner-core';
import { DEFAULT_SCANNER_CONFIG } from '../../src-main/engine/scanner/scoring/scanner-config';
import { signalRow } from '../../src-main/engine/scanner/signal-row';
import { sharedCandleFile } from '../support/candle-data';
import { defined } from '../support/defined';
import { startTestHost, type TestHost } from '../support/start-test-host';
import { useTempDirs } from '../support/temp-dir';
import { TestWsClient } from '../support/ws-client';

const tempDir = useTempDirs();
let host: TestHost;
let client: TestWsClient;

function wsUrl(token: string | null): string {
  const query = token === null ? '' : `?token=${token}`;
  return `ws://127.0.0.1:${host.server.port}/ws${query}`;
}

beforeEach(async () => {
  host = await startTestHost(tempDir());
  client = await TestWsClient.connect(wsUrl(host.token));
});

afterEach(async () => {
  client.close();
  await host.stop();
});

describe('contract over WebSocket', () => {
  it('round-trips getStatus with the engine facts', async () => {
    host.clock.advance(1500);
    client.sendRaw(JSON.stringify({ id: 1, command: 'getStatus', input: {} }));
    const reply = await client.reply(1);
    expect(reply.result).toMatchObject({
      ok: true,
      output: {
        tradingMode: 'PAPER',
        controlMode: 'RUNNING',
        uptimeMs: 1500,
        version: '0.0.0-test',
      },
    });
  });

  it('pushes statusChanged events from the engine heartbeat', async () => {
    host.clock.advance(1000);
    const event = await client.next((f) => f.type === 'event');
    expect(event).toMatchObject({
      type: 'event',
      kind: 'statusChanged',
      payload: { uptimeMs: 1000 },
    });
  });

  it('answers malformed messages with typed errors and keeps serving', async () => {
    client.sendRaw('{not json');
    expect((await client.reply(null)).result).toMatchObject({
      ok: false,
      error: { code: 'BAD_JSON' },
    });

    client.sendRaw(JSON.stringify({ id: 2, command: 'selfDestruct', input: {} }));
    expect((await client.reply(2)).result).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_COMMAND' },
    });

    client.sendRaw(JSON.stringify({ id: 3, command: 'ping', input: { loud: 'yes' } }));
    expect((await client.reply(3)).result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });

    client.sendRaw(JSON.stringify({ id: 'four', command: 'ping' }));
    expect((await client.reply(null)).result).toMatchObject({
      ok: false,
      error: { code: 'BAD_MESSAGE' },
    });

    client.sendRaw(Buffer.from([1, 2, 3]));
    expect((await client.reply(null)).result).toMatchObject({
      ok: false,
      error: { code: 'BAD_MESSAGE' },
    });

    const huge = JSON.stringify({
      id: 5,
      command: 'ping',
      input: { pad: 'x'.repeat(MAX_COMMAND_BYTES) },
    });
    client.sendRaw(huge);
    expect((await client.reply(null)).result).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE' },
    });

    client.sendRaw(JSON.stringify({ id: 6, command: 'ping', input: {} }));
    expect((await client.reply(6)).result).toMatchObject({ ok: true, output: { pong: true } });
  });

  it('refuses a WebSocket without the token, or with a foreign Origin', async () => {
    await expect(TestWsClient.connect(wsUrl(null))).rejects.toThrow('401');
    await expect(TestWsClient.connect(wsUrl('wrong-token-0123456789'))).rejects.toThrow('401');
    await expect(
      TestWsClient.connect(wsUrl(host.token), { origin: 'http://evil.example' }),
    ).rejects.toThrow('401');
  });
});

describe('event interest per connection', () => {
  // The bars are published straight onto the engine's event bus: this is about which socket
  // receives which series, not about market data (the replay tests cover that).
  const bar = (symbol: string) => ({
    exchange: 'binance',
    symbol,
    timeframe: '1h' as const,
    candle: { openTime: 0, open: 1, high: 1, low: 1, close: 1, volume: 1 },
    complete: true,
    gapBefore: 0,
    source: 'replay' as const,
  });

  it('sends a window only the bar closes of the series it watches; other events are untouched', async () => {
    const other = await TestWsClient.connect(wsUrl(host.token));
    client.sendRaw(
      JSON.stringify({
        id: 1,
        command: 'watchBars',
        input: { series: [{ exchange: 'binance', symbol: 'ETH/USDT', timeframe: '1h' }] },
      }),
    );
    expect((await client.reply(1)).result).toEqual({ ok: true, output: { watching: 1 } });
    host.engine.events.publish('barClosed', bar('BTC/USDT'));
    host.engine.events.publish('barClosed', bar('ETH/USDT'));
    host.clock.advance(1000); // a statusChanged heartbeat
    const first = await client.next((f) => f.type === 'event');
    expect(first).toMatchObject({ kind: 'barClosed', payload: { symbol: 'ETH/USDT' } });
    expect(await client.next((f) => f.type === 'event')).toMatchObject({ kind: 'statusChanged' });
    // A connection that never asked still receives every bar.
    expect(await other.next((f) => f.type === 'event')).toMatchObject({
      payload: { symbol: 'BTC/USDT' },
    });
    expect(await other.next((f) => f.type === 'event')).toMatchObject({
      payload: { symbol: 'ETH/USDT' },
    });
    other.close();
  });

  it('sends full published signals only to a connection that asked, board rows to all', async () => {
    // A real published signal: the last evaluation of a real series through the scanner.
    const { candles } = await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1h.csv'));
    const core = new ScannerCore({ ...DEFAULT_SCANNER_CONFIG, timeframes: ['1h'] });
    let signal: ScannerSignal | null = null;
    for (const candle of candles)
      signal =
        core.onCandle({
          exchange: 'binance',
          symbol: 'BTC/USDT',
          quote: 'USDT',
          timeframe: '1h',
          candle,
        }).signal ?? signal;
    const published = defined(signal);
    const watcher = await TestWsClient.connect(wsUrl(host.token));
    watcher.sendRaw(JSON.stringify({ id: 1, command: 'watchSignals', input: { full: true } }));
    expect((await watcher.reply(1)).result).toEqual({ ok: true, output: { full: true } });
    host.engine.events.publish('signalPublished', published);
    host.engine.events.publish('boardUpdated', { rows: [signalRow(published)] });
    expect(await watcher.next((f) => f.type === 'event')).toMatchObject({
      kind: 'signalPublished',
      payload: { contributions: published.contributions },
    });
    expect(await watcher.next((f) => f.type === 'event')).toMatchObject({ kind: 'boardUpdated' });
    // The connection that never asked gets the row, not the full signal.
    expect(await client.next((f) => f.type === 'event')).toMatchObject({ kind: 'boardUpdated' });
    // And one that stops asking gets rows only again.
    watcher.sendRaw(JSON.stringify({ id: 2, command: 'watchSignals', input: { full: false } }));
    expect((await watcher.reply(2)).result).toEqual({ ok: true, output: { full: false } });
    host.engine.events.publish('signalPublished', published);
    host.engine.events.publish('boardUpdated', { rows: [signalRow(published)] });
    expect(await watcher.next((f) => f.type === 'event')).toMatchObject({ kind: 'boardUpdated' });
    watcher.close();
  });

  it('refuses watchBars and watchSignals from a caller without a connection', async () => {
    expect(
      await dispatchCommand(
        host.engine.handlers,
        'watchSignals',
        { full: true },
        { origin: 'cli' },
      ),
    ).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    const result = await dispatchCommand(
      host.engine.handlers,
      'watchBars',
      { series: [] },
      { origin: 'cli' },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
  });
});

describe('HTTP', () => {
  const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`http://127.0.0.1:${host.server.port}${path}`, { headers });

  it('answers 401 without the token and serves the UI with it', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=nope')).status).toBe(401);
    const ok = await get(`/?token=${host.token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'self'");
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('HttpOnly');
    // The cookie alone authenticates later asset requests.
    expect((await get('/', { cookie: cookie.split(';')[0] ?? '' })).status).toBe(200);
  });

  it('refuses path traversal out of the renderer folder', async () => {
    expect((await get(`/..%2f..%2fetc%2fpasswd?token=${host.token}`)).status).toBe(404);
  });

  it('answers 400 to a malformed percent-encoded path, without logging an error', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/assets/%zz.js'])
      expect((await get(`${path}?token=${host.token}`)).status).toBe(400);
    expect(host.errors).toEqual([]);
  });

  it('binds to loopback only', () => {
    expect(host.server.url.startsWith('http://127.0.0.1:')).toBe(true);
  });
});

describe('WebSocket survives abuse', () => {
  it('keeps the host up after a client disconnects mid-request', async () => {
    const rude = new WebSocket(wsUrl(host.token));
    await new Promise((resolve) => rude.once('open', resolve));
    rude.send(JSON.stringify({ id: 1, command: 'getStatus', input: {} }));
    rude.terminate();
    client.sendRaw(JSON.stringify({ id: 9, command: 'ping', input: {} }));
    expect((await client.reply(9)).result).toMatchObject({ ok: true });
  });
});
