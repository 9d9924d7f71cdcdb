import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../../src-shared/domain/candle';
import { AuditLog } from '../../../src-main/engine/audit/audit-log';
import { loadCandleCsv } from '../../../src-main/engine/market/csv-loader';
import { ConnectionsService } from '../../../src-main/engine/market/connections/connections-service';
import { CcxtCatalog } from '../../../src-main/engine/market/exchanges/ccxt-catalog';
import { checkKeyPermissions } from '../../../src-main/engine/secrets/permission-check';
import { Secrets } from '../../../src-main/engine/secrets/secrets';
import { Settings } from '../../../src-main/engine/settings';
import type { Store } from '../../../src-main/engine/store/open-store';
import { openVigilStore } from '../../../src-main/engine/schema';
import { sharedCandleFile } from '../../support/candle-data';
import { LocalBinanceServer } from '../../support/local-binance-server';
import { LocalOkxServer } from '../../support/local-okx-server';
import { ManualClock } from '../../support/manual-clock';
import { MemorySecretStore } from '../../support/memory-secret-store';

// The permission check through ccxt's implicit API (signed by ccxt, checked by the local
// exchanges with their real rules), and what the key service makes of each answer.

let btc: Candle[];
beforeAll(async () => {
  btc = (await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1m.csv'))).candles;
});

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

interface Rig {
  service: ConnectionsService;
  store: Store;
  secrets: MemorySecretStore;
  audit: () => Array<{ kind: string; payload: string }>;
}

async function rig(
  exchange: 'binance' | 'okx',
  server: LocalBinanceServer | LocalOkxServer,
): Promise<Rig> {
  await server.start();
  cleanups.push(() => server.stop());
  const store = openVigilStore(':memory:');
  cleanups.push(() => store.close());
  const clock = new ManualClock(Date.parse('2018-06-18T12:00:30Z'));
  const settings = new Settings(store.db);
  const secrets = new MemorySecretStore();
  const service = new ConnectionsService({
    db: store.db,
    audit: new AuditLog(store.db, clock),
    settings,
    clock,
    catalog: new CcxtCatalog({ timeoutMs: 2000 }),
    secrets: new Secrets(secrets, settings),
    check: (input) => checkKeyPermissions({ ...input, timeoutMs: 2000 }),
  });
  await service.add(
    {
      name: 'main',
      exchange,
      symbols: ['BTC/USDT'],
      timeframes: ['1m'],
      apiOrigin: server.url,
    },
    'user:test',
  );
  return {
    service,
    store,
    secrets,
    audit: () =>
      store.db.prepare('SELECT kind, payload FROM audit_log ORDER BY seq').all() as Array<{
        kind: string;
        payload: string;
      }>,
  };
}

const binance = (): LocalBinanceServer =>
  new LocalBinanceServer([{ base: 'BTC', quote: 'USDT', candles: { '1m': btc } }], () =>
    Date.parse('2018-06-18T12:00:30Z'),
  );

describe('Binance: GET /sapi/v1/account/apiRestrictions through sapiGetAccountApiRestrictions', () => {
  it('passes a trade-only key bound to IPs', async () => {
    const server = binance();
    server.addApiKey({ apiKey: KEY, secret: SECRET });
    const { service } = await rig('binance', server);
    const status = await service.setKey('main', { apiKey: KEY, secret: SECRET }, 'user:test');
    expect(status).toMatchObject({
      set: true,
      publicKeyHint: '…Eh8A',
      verification: {
        verdict: 'passed',
        permissions: ['enableReading', 'enableSpotAndMarginTrading'],
        warnings: [],
      },
    });
    // ccxt signed it: the key in the header, timestamp + recvWindow + signature in the query.
    const [call] = server.calls('/sapi/v1/account/apiRestrictions');
    expect(call?.headers['x-mbx-apikey']).toBe(KEY);
    expect(Object.keys(call?.query ?? {})).toEqual(['timestamp', 'recvWindow', 'signature']);
  });

  it('refuses a key that can withdraw or transfer, naming the permission and the fix', async () => {
    const server = binance();
    server.addApiKey({
      apiKey: KEY,
      secret: SECRET,
      restrictions: { enableWithdrawals: true, permitsUniversalTransfer: true, ipRestrict: false },
    });
    const { service } = await rig('binance', server);
    const status = await service.setKey('main', { apiKey: KEY, secret: SECRET }, 'user:test');
    expect(status.verification?.verdict).toBe('refused');
    expect(status.verification?.summary).toMatch(
      /^this key can withdraw and transfer funds \(enableWithdrawals, permitsUniversalTransfer\): refused for live trading\. Create a trade-only key instead\. On Binance, API Management -> Edit restrictions: .*untick "Enable Withdrawals"/,
    );
  });

  it('warns about disabled trading and a missing IP allowlist, and still passes', async () => {
    const server = binance();
    server.addApiKey({
      apiKey: KEY,
      secret: SECRET,
      restrictions: { enableSpotAndMarginTrading: false, ipRestrict: false },
    });
    const { service } = await rig('binance', server);
    const status = await service.setKey('main', { apiKey: KEY, secret: SECRET }, 'user:test');
    expect(status.verification).toMatchObject({ verdict: 'passed' });
    expect(status.verification?.warnings).toEqual([
      'trading is disabled on this key: Binance will refuse its orders until you enable spot trading for it',
      'no IP allowlist: anyone who obtains this key can use it from anywhere; restrict it to your IP addresses',
    ]);
  });

  it('a 5xx, a body that is not JSON, or one of the wrong shape leaves the key unverified', async () => {
    const server = binance();
    server.addApiKey({ apiKey: KEY, secret: SECRET });
    const { service } = await rig('binance', server);
    server.fail('/apiRestrictions', { kind: 'status', status: 503 });
    let status = await service.setKey('main', { apiKey: KEY, secret: SECRET }, 'user:test');
    expect(status.verification).toMatchObject({ verdict: 'unverified' });
    expect(status.verification?.summary).toMatch(
      /^permission check GET \/sapi\/v1\/account\/apiRestrictions failed, so the key is not verified: ExchangeNotAvailable: /,
    );
    server.fail('/apiRestrictions', { kind: 'malformed-json' });
    status = await service.verifyKey('main', 'user:test');
    expect(status.verification?.verdict).toBe('unverified');
    expect(status.verification?.summary).toContain('BadResponse');
    server.fail('/apiRestrictions', {
      kind: 'json',
      body: { ipRestrict: 'no', enableReading: true },
    });
    status = await service.verifyKey('main', 'user:test');
    expect(status.verification?.verdict).toBe('unverified');
    expect(status.verification?.summary).toContain('ipRestrict');
    // Now the exchange answers; the same key passes on the next check.
    status = await service.verifyKey('main', 'user:test');
    expect(status.verification?.verdict).toBe('passed');
  });

  it('a wrong secret (bad signature) or an unknown key is rejected by the exchange: unverified', async () => {
    const server = binance();
    server.addApiKey({ apiKey: KEY, secret: SECRET });
    const { service } = await rig('binance', server);
    let status = await service.setKey(
      'main',
      { apiKey: KEY, secret: `${SECRET.slice(0, -1)}x` },
      'user:test',
    );
    expect(status.verification?.summary).toContain('Signature for this request is not valid.');
    // What is wrong and what to do, after the exchange's own words.
    expect(status.verification?.summary).toMatch(
      /Binance -1022: the secret does not match this API key; paste the key's secret again/,
    );
    expect(status.verification?.verdict).toBe('unverified');
    status = await service.setKey(
      'main',
      { apiKey: 'unknownKey1234', secret: SECRET },
      'user:test',
    );
    expect(status.verification?.summary).toContain(
      'Invalid API-key, IP, or permissions for action.',
    );
    expect(status.verification?.summary).toMatch(
      /Binance -2015: Binance does not accept this API key from this machine: check the key was pasted whole, that it was not deleted, and that this machine's IP address is on its allowlist/,
    );
  });

  it('a clock outside the recvWindow is refused by the exchange (-1021): unverified', async () => {
    // The exchange's own clock runs 30 s ahead of this machine; ccxt sends recvWindow 10 s.
    const server = new LocalBinanceServer(
      [{ base: 'BTC', quote: 'USDT', candles: { '1m': btc } }],
      () => Date.parse('2018-06-18T12:00:30Z'),
      () => Date.now() + 30_000,
    );
    server.addApiKey({ apiKey: KEY, secret: SECRET });
    const { service } = await rig('binance', server);
    const status = await service.setKey('main', { apiKey: KEY, secret: SECRET }, 'user:test');
    expect(status.verification?.verdict).toBe('unverified');
    expect(status.verification?.summary).toContain(
      'Timestamp for this request is outside of the recvWindow.',
    );
    expect(status.verification?.summary).toMatch(
      /Binance -1021: this computer's clock is off from Binance's; turn on automatic time sync \(NTP\) and check the key again/,
    );
  });

  it('audits set, verification and delete with the masked key only', async () => {
    const server = binance();
    server.addApiKey({ apiKey: KEY, secret: SECRET });
    const { service, audit, secrets } = await rig('binance', server);
    await service.setKey('main', { apiKey: KEY, secret: SECRET }, 'user:test');
    await service.setKey('main', { apiKey: KEY, secret: SECRET }, 'user:test');
    await service.deleteKey('main', 'user:test');
    expect(secrets.entries.size).toBe(0);
    const rows = audit().filter((r) => r.kind.startsWith('key.'));
    expect(rows.map((r) => r.kind)).toEqual([
      'key.set',
      'key.verified',
      'key.replaced',
      'key.verified',
      'key.deleted',
    ]);
    for (const row of rows) {
      expect(JSON.parse(row.payload)).toMatchObject({ connection: 'main', publicKeyHint: '…Eh8A' });
      expect(row.payload).not.toContain(KEY);
      expect(row.payload).not.toContain(SECRET);
    }
    expect(service.keyStatus('main')[0]).toMatchObject({ set: false, publicKeyHint: null });
  });
});

describe('OKX: GET /api/v5/account/config through privateGetAccountConfig', () => {
  const PASS = 'Tr4de-0nly-Passphrase';
  const okx = (): LocalOkxServer =>
    new LocalOkxServer([{ base: 'BTC', quote: 'USDT', candles: { '1m': btc } }], () =>
      Date.parse('2018-06-18T12:00:30Z'),
    );

  it('needs the passphrase, passes read_only,trade with IPs, refuses withdraw', async () => {
    const server = okx();
    server.addApiKey({ apiKey: KEY, secret: SECRET, passphrase: PASS });
    const { service } = await rig('okx', server);
    expect(service.keyStatus('main')[0]).toMatchObject({ needsPassword: true, verifiable: true });
    await expect(
      service.setKey('main', { apiKey: KEY, secret: SECRET }, 'user:test'),
    ).rejects.toThrow('the passphrase (okx keys come with one) is empty; nothing was stored');
    let status = await service.setKey(
      'main',
      { apiKey: KEY, secret: SECRET, password: PASS },
      'user:test',
    );
    expect(status.verification).toMatchObject({
      verdict: 'passed',
      permissions: ['read_only', 'trade'],
      warnings: [],
    });
    server.addApiKey({
      apiKey: KEY,
      secret: SECRET,
      passphrase: PASS,
      config: { perm: 'read_only,withdraw,trade', ip: '' },
    });
    status = await service.verifyKey('main', 'user:test');
    expect(status.verification?.verdict).toBe('refused');
    expect(status.verification?.summary).toMatch(/^this key can withdraw funds \(withdraw\)/);
  });

  it('a wrong passphrase is refused by OKX (50105): unverified', async () => {
    const server = okx();
    server.addApiKey({ apiKey: KEY, secret: SECRET, passphrase: PASS });
    const { service } = await rig('okx', server);
    const status = await service.setKey(
      'main',
      { apiKey: KEY, secret: SECRET, password: 'wrong-pass' },
      'user:test',
    );
    expect(status.verification?.verdict).toBe('unverified');
    expect(status.verification?.summary).toContain('OK-ACCESS-PASSPHRASE incorrect');
    expect(status.verification?.summary).toMatch(
      /OKX 50105: the passphrase is not this key's; type the passphrase you set when creating it$/,
    );
  });
});

describe('exchanges without a permission endpoint (Kraken)', () => {
  it('store a key only with the typed acknowledgement, as unverifiable', async () => {
    const store = openVigilStore(':memory:');
    cleanups.push(() => store.close());
    const clock = new ManualClock(1_767_225_600_000);
    const settings = new Settings(store.db);
    // Kraken's markets are not served locally; adding the connection goes through a catalog
    // stand-in, while the key path (acknowledgement, verdict, audit) is the real one.
    const catalog = new CcxtCatalog();
    const service = new ConnectionsService({
      db: store.db,
      audit: new AuditLog(store.db, clock),
      settings,
      clock,
      catalog: {
        describe: (id) => catalog.describe(id),
        checkSymbols: (_id, _origin, symbols) =>
          Promise.resolve(new Map(symbols.map((s) => [s, null]))),
        probe: () => Promise.resolve([]),
      },
      secrets: new Secrets(new MemorySecretStore(), settings),
      check: checkKeyPermissions,
    });
    await service.add(
      { name: 'kr', exchange: 'kraken', symbols: ['BTC/USD'], timeframes: ['1h'] },
      'user:test',
    );
    expect(service.keyStatus('kr')[0]).toMatchObject({ verifiable: false, set: false });
    await expect(
      service.setKey('kr', { apiKey: KEY, secret: SECRET }, 'user:test'),
    ).rejects.toThrow(/^Kraken cannot report a key's permissions.*typing UNVERIFIABLE/);
    expect(service.keyStatus('kr')[0]?.set).toBe(false);
    const status = await service.setKey(
      'kr',
      { apiKey: KEY, secret: SECRET, acknowledge: 'UNVERIFIABLE' },
      'user:test',
    );
    expect(status.verification).toMatchObject({ verdict: 'unverifiable' });
    expect(status.verification?.summary).toMatch(/never "Withdraw Funds"/);
  });
});
