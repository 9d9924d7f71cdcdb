import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionList } from '../../src-shared/domain/connection';
import { LiveMarket } from '../../src-main/engine/market/live-market';
import { ReplayFeed } from '../../src-main/engine/market/replay-feed';
import { runCli } from '../../src-main/host/cli/run-cli';
import { TRADE_ONLY_KEY } from '../support/binance-payloads';
import { captureIo } from '../support/capture-io';
import {
  addMain,
  addMainArgs,
  at,
  POLL,
  startLiveHost,
  type LiveHostRig,
} from '../support/live-host-rig';
import { requireSecretService } from '../support/secret-service';
import { useTempDirs } from '../support/temp-dir';

// Connections, the market source and keys through the CLI, against a running host (found
// through host.json) or offline on the data folder, with real ccxt against a local Binance
// and keys in the real Secret Service.

const tempDir = useTempDirs();
let rig: LiveHostRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});
beforeAll(() => requireSecretService());

describe('connections through the CLI: bad input, health, source, keys', () => {
  it('refuses an unknown exchange, symbol or timeframe and a non-loopback origin, saving nothing', async () => {
    rig = await startLiveHost(tempDir());
    const r = rig;
    const url = r.server.url;
    const cases: Array<[string[], RegExp]> = [
      [addMainArgs(url, { exchange: 'nosuchex' }), /unknown exchange 'nosuchex'/],
      [
        addMainArgs(url, { symbols: 'BTC/USDT,DOGE/XYZ' }),
        /binance does not list spot market DOGE\/XYZ \(delisted or renamed\?\); nothing saved$/,
      ],
      [
        addMainArgs(url, { timeframes: '1m,2m' }),
        /timeframes\.1: unsupported timeframe '2m': Vigil scans 1m, 5m, 15m, 1h, 4h, 1d$/,
      ],
      [
        addMainArgs(url, { 'api-origin': 'http://192.168.1.10:8080' }),
        /apiOrigin: API origin host '192\.168\.1\.10' is not a loopback address: only 127\.0\.0\.0\/8 or \[::1\] may replace an exchange's API$/,
      ],
      [
        addMainArgs(url, { 'api-origin': 'http://localhost:8080' }),
        /API origin host 'localhost' is not a loopback address/,
      ],
    ];
    for (const [args, message] of cases) {
      const { code, io } = await r.cli(args);
      expect(code).toBe(1);
      const err = io.err.join('');
      expect(err.split('\n').filter((l) => l !== '')).toHaveLength(1);
      expect(err.trim()).toMatch(message);
    }
    const list = await r.cli(['exchange', 'list', '--json']);
    expect(JSON.parse(list.io.out.join('')).connections).toEqual([]);
    await addMain(r);
    const twice = await r.cli(addMainArgs(url).map((a) => (a === 'main' ? 'second' : a)));
    expect([twice.code, twice.io.err.join('')]).toEqual([
      1,
      "vigil exchange: binance is connected already as 'main': add symbols to it with `vigil watch add main ...`; nothing saved\n",
    ]);
    expect((await r.cli(['exchange', 'add', 'main'])).code).toBe(2); // usage: no --exchange
    expect((await r.cli(['exchange', 'frobnicate'])).code).toBe(2);
    expect((await r.cli(['market', 'sideways'])).code).toBe(2);
  });

  it('shows per-connection health: a delisted symbol, STALE when the exchange freezes, reconnects', async () => {
    rig = await startLiveHost(tempDir());
    const r = rig;
    await addMain(r);
    const unlisted = await r.cli(['watch', 'add', 'main', 'DOGE/USDT']);
    expect([unlisted.code, unlisted.io.err.join('')]).toEqual([
      1,
      'vigil watch: binance does not list spot market DOGE/USDT (delisted or renamed?); nothing saved\n',
    ]);
    await r.untilLive();
    r.server.fail('/klines', { kind: 'status', status: 503 });
    await r.runUntil(at('2018-06-18T12:01:10Z'));
    const listed = await r.cli(['exchange', 'list']);
    expect(listed.io.out.join('')).toMatch(
      /^market source: live prices \(default\)\nmain: binance BTC\/USDT 1m via http:\/\/127\.0\.0\.1:\d+\n {2}feed: LIVE \(streaming 1 series over websocket\); last data 0 s ago; 1 reconnect\(s\)\n {2}BTC\/USDT: bid [\d.]+ ask [\d.]+ \(spread 4\.0 bp\)\n {2}no key\n$/,
    );
    // The exchange stops moving: the connection turns STALE (limit 120 s in this rig), and
    // says since when it has had nothing new.
    r.server.freeze();
    await r.runUntil(at('2018-06-18T12:04:30Z'), 5000);
    let [main] = (await r.cli(['exchange', 'list', '--json'])).io.out.map(
      (o) => (JSON.parse(o) as ConnectionList).connections,
    )[0] as ConnectionList['connections'];
    expect(main?.health).toMatchObject({
      state: 'STALE',
      reason: expect.stringMatching(/^no market update for \d+ s \(limit 120 s\)$/),
    });
    expect(main?.health?.lastMessageAgeMs).toBeGreaterThan(120_000);
    r.server.unfreeze();
    // BTC/USDT is delisted while we watch: reported on the connection, not crashed on.
    r.server.delist('BTC', 'USDT');
    await r.runUntil(at('2018-06-18T12:07:30Z'), 5000);
    [main] = JSON.parse((await r.cli(['exchange', 'list', '--json'])).io.out.join(''))
      .connections as ConnectionList['connections'];
    expect(main?.problems).toEqual([
      {
        symbol: 'BTC/USDT 1m',
        problem: 'binance does not list spot market BTC/USDT (delisted or renamed?)',
      },
    ]);
    expect(main?.health).toMatchObject({
      state: 'DOWN',
      reason: expect.stringContaining('binance does not list spot market BTC/USDT'),
    });
    expect(r.log.filter((l) => !l.startsWith('FeedDataError'))).toEqual([]);
  });

  it('vigil market replay|live switches the running host, is remembered across restarts, and refuses with an open paper position', async () => {
    rig = await startLiveHost(tempDir());
    const r = rig;
    await addMain(r);
    await expect.poll(() => r.engine.market.activeFeed(), POLL).toBeInstanceOf(LiveMarket);
    let { code, io } = await r.cli(['market', 'replay']);
    expect([code, io.out.join('')]).toEqual([0, 'the engine now plays the replay\n']);
    await expect.poll(() => r.engine.market.activeFeed(), POLL).toBeInstanceOf(ReplayFeed);
    await r.restart();
    await expect.poll(() => r.engine.market.activeFeed(), POLL).toBeInstanceOf(ReplayFeed);
    ({ code, io } = await r.cli(['market', 'live']));
    expect([code, io.out.join('')]).toEqual([
      0,
      'the engine now plays live prices from main (binance)\n',
    ]);
    await expect.poll(() => r.engine.market.activeFeed(), POLL).toBeInstanceOf(LiveMarket);
    await r.untilLive();
    await r.runUntil(at('2018-06-18T12:01:05Z'));
    const ui = await r.renderer();
    await ui.client.call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.01',
    });
    await r.runUntil(at('2018-06-18T12:01:10Z'));
    ({ code, io } = await r.cli(['market', 'replay']));
    expect(code).toBe(1);
    expect(io.err.join('')).toBe(
      'vigil market: the paper book has 0 open order(s) and 1 open position(s) priced on the live prices: close them first, then switch to the replay\n',
    );
    expect(r.engine.market.activeFeed()).toBeInstanceOf(LiveMarket);
    ui.close();
  });

  it('keys through the host: set from stdin, status, replace, delete; verified again at every start', async () => {
    rig = await startLiveHost(tempDir());
    const r = rig;
    const key = {
      apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
      secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
    };
    r.server.addApiKey({ ...key, restrictions: TRADE_ONLY_KEY });
    await addMain(r);
    let { code, io } = await r.cli(['keys', 'set', 'main', '--stdin'], JSON.stringify(key));
    expect(io.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(io.out.join('')).toMatch(
      /^main: key …Eh8A set 2018-06-18T12:00:30Z; passed \(2018-06-18T12:00:30Z\): trade-only key: the exchange reports it cannot withdraw or transfer funds\n {2}permissions: enableReading, enableSpotAndMarginTrading\n$/,
    );
    ({ code, io } = await r.cli(['keys', 'status', '--json']));
    expect(code).toBe(0);
    expect(JSON.parse(io.out.join(''))).toMatchObject({
      keys: [
        {
          connection: 'main',
          set: true,
          publicKeyHint: '…Eh8A',
          verification: { verdict: 'passed' },
        },
      ],
    });
    // The stored key is in the keychain, under this data folder's profile.
    expect(await r.engine.connections.keys.credentials('main')).toEqual(key);

    // Replace it with one that can withdraw: stored, but refused for live trading (exit 1).
    const withdrawer = { apiKey: 'WDR4wKeyAbcdefghijklmnop', secret: 'another-secret-value-1234' };
    r.server.addApiKey({ ...withdrawer, restrictions: { enableWithdrawals: true } });
    ({ code, io } = await r.cli(['keys', 'set', 'main', '--stdin'], JSON.stringify(withdrawer)));
    expect(code).toBe(1);
    expect(io.err.join('')).toMatch(
      /^vigil keys set: the key for main is refused for live trading: this key can withdraw funds \(enableWithdrawals\)/,
    );
    expect(io.out.join('')).toContain('main: key …mnop');

    // A restart checks the stored key again (the exchange has since restricted it).
    r.server.addApiKey({ ...withdrawer, restrictions: TRADE_ONLY_KEY });
    await r.restart();
    await expect
      .poll(() => r.engine.connections.keyStatus('main')[0]?.verification?.verdict, POLL)
      .toBe('passed');
    const startCheck = r.engine.store.db
      .prepare(
        "SELECT actor, payload FROM audit_log WHERE kind = 'key.verified' ORDER BY seq DESC LIMIT 1",
      )
      .get() as { actor: string; payload: string };
    expect(startCheck.actor).toBe('system:host');
    expect(JSON.parse(startCheck.payload)).toMatchObject({
      connection: 'main',
      publicKeyHint: '…mnop',
      verdict: 'passed',
    });

    // On a terminal: hidden prompts on stderr, answers never printed.
    const prompts: string[] = [];
    const tty = {
      ...captureIo(),
      input: {
        interactive: true,
        readSecret: (prompt: string) => {
          prompts.push(prompt);
          return Promise.resolve(prompt.startsWith('API key') ? key.apiKey : key.secret);
        },
        readAll: () => Promise.reject(new Error('not piped')),
      },
    };
    r.server.addApiKey({ ...key, restrictions: TRADE_ONLY_KEY });
    expect(await runCli(['keys', 'set', 'main', '--data-dir', r.dataDir], tty)).toBe(0);
    expect(prompts).toEqual(['API key (not shown): ', 'Secret (not shown): ']);
    expect(tty.err.join('')).toBe('Replacing the key …mnop of main.\n');
    expect(tty.out.join('')).toContain('main: key …Eh8A set');
    expect([...tty.out, ...tty.err].join('')).not.toContain(key.secret);

    ({ code, io } = await r.cli(['keys', 'delete', 'main']));
    expect([code, io.out.join('')]).toEqual([0, 'main: no key\n']);
    expect(await r.engine.secrets.purpose('exchange').get('main')).toBeNull();
    // Bad stdin is refused without echoing what was read.
    ({ code, io } = await r.cli(['keys', 'set', 'main', '--stdin'], 'apiKey=secret-ish-value'));
    expect(code).toBe(1);
    expect(io.err.join('')).toBe(
      'vigil keys set: standard input is not one JSON object {"apiKey": ..., "secret": ...}\n',
    );
  });
});

describe('the watchlist, the probe, removal and the offline CLI', () => {
  it('watch add/remove restarts the live feed; exchange test says what works; remove takes the key too', async () => {
    rig = await startLiveHost(tempDir());
    const r = rig;
    r.server.addApiKey({
      apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
      secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
    });
    await addMain(r);
    let { code, io } = await r.cli(['watch', 'add', 'main', 'ETH/USDT']);
    expect([code, io.out.join('')]).toEqual([0, 'main watches BTC/USDT, ETH/USDT\n']);
    await expect
      .poll(() => r.engine.market.series().map((x) => x.symbol), POLL)
      .toEqual(['BTC/USDT', 'ETH/USDT']);
    ({ code, io } = await r.cli(['exchange', 'test', 'main']));
    expect(code).toBe(0);
    expect(io.out.join('')).toMatch(
      /^ok {3}markets: 2 spot markets loaded from Binance at http:\/\/127\.0\.0\.1:\d+\nok {3}BTC\/USDT 1m candle: latest 2018-06-18T12:00:00\.000Z close [\d.]+\nok {3}BTC\/USDT ticker: last [\d.]+ bid [\d.]+ ask [\d.]+ \(spread 4\.\d bp\)\nok {3}ETH\/USDT 1m candle: .*\nok {3}ETH\/USDT ticker: .*\nok {3}websocket: candles and tickers stream over websocket \(ccxt\.pro\)\n$/,
    );
    r.server.delist('ETH', 'USDT');
    ({ code, io } = await r.cli(['exchange', 'test', 'main']));
    expect(code).toBe(1);
    expect(io.out.join('')).toContain('FAIL ETH/USDT: binance does not list spot market ETH/USDT');
    expect(io.err.join('')).toBe('vigil exchange test: ETH/USDT failed\n');
    ({ code } = await r.cli(['watch', 'remove', 'main', 'ETH/USDT']));
    expect(code).toBe(0);
    await expect
      .poll(() => r.engine.market.series().map((x) => x.symbol), POLL)
      .toEqual(['BTC/USDT']);

    ({ code } = await r.cli(
      ['keys', 'set', 'main', '--stdin'],
      JSON.stringify({
        apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
        secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
      }),
    ));
    expect(code).toBe(0);
    ({ code, io } = await r.cli(['exchange', 'remove', 'main']));
    expect([code, io.out.join('')]).toEqual([0, 'removed main (and its key, if it had one)\n']);
    expect(await r.engine.secrets.purpose('exchange').get('main')).toBeNull();
    // No connection left: the default source is the replay again.
    await expect.poll(() => r.engine.market.activeFeed(), POLL).toBeInstanceOf(ReplayFeed);
    const kinds = (
      r.engine.store.db.prepare('SELECT kind FROM audit_log ORDER BY seq').all() as Array<{
        kind: string;
      }>
    ).map((k) => k.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'connection.added',
        'connection.watchlist-changed',
        'key.set',
        'key.deleted',
        'connection.removed',
      ]),
    );
  });

  it('with no host running, the CLI writes the data folder; the host then starts the live feed and checks the key', async () => {
    const key = { apiKey: 'offlineKeyAbcdefgh12345678', secret: 'offline-secret-9876543210' };
    rig = await startLiveHost(tempDir(), {
      beforeHost: async ({ server, cli }) => {
        server.addApiKey(key);
        let { code, io } = await cli(addMainArgs(server.url));
        expect([code, io.err.join('')]).toEqual([0, '']);
        ({ code, io } = await cli(['keys', 'set', 'main', '--stdin'], JSON.stringify(key)));
        expect([code, io.err.join('')]).toEqual([0, '']);
        ({ code, io } = await cli(['market', 'live']));
        expect([code, io.out.join('')]).toEqual([
          0,
          'the engine will play live prices from main (binance)\n',
        ]);
      },
    });
    const r = rig;
    // The host starts the feed of the enabled connection at startup.
    await expect.poll(() => r.engine.market.activeFeed(), POLL).toBeInstanceOf(LiveMarket);
    await r.untilLive();
    // ... and checks the stored key again.
    await expect
      .poll(() => {
        const row = r.engine.store.db
          .prepare(
            "SELECT actor FROM audit_log WHERE kind = 'key.verified' ORDER BY seq DESC LIMIT 1",
          )
          .get() as { actor: string } | undefined;
        return row?.actor;
      }, POLL)
      .toBe('system:host');
    expect(r.engine.connections.keyStatus('main')[0]?.verification?.verdict).toBe('passed');
    const offline = r.engine.store.db
      .prepare("SELECT actor FROM audit_log WHERE kind = 'connection.added'")
      .get() as { actor: string };
    expect(offline.actor).toBe('user:cli');
  });
});
