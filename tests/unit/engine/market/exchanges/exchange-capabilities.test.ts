import * as ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../../../../src-main/engine/market/exchanges/exchange-capabilities';
import { CcxtCatalog } from '../../../../../src-main/engine/market/exchanges/ccxt-catalog';

type ExchangeClass = new () => Record<string, unknown>;

describe('exchange capability table', () => {
  it('names a permission endpoint that the installed ccxt really has, for each tested exchange', () => {
    const classes = ccxt as unknown as Record<string, ExchangeClass>;
    const expected: Record<string, string | null> = {
      binance: 'sapiGetAccountApiRestrictions',
      bybit: 'privateGetV5UserQueryApi',
      okx: 'privateGetAccountConfig',
      coinbase: 'v3PrivateGetBrokerageKeyPermissions',
      kraken: null,
    };
    for (const [id, method] of Object.entries(expected)) {
      const caps = capabilitiesOf(id);
      expect(caps.permissions?.method ?? null).toBe(method);
      const Exchange = classes[id] as ExchangeClass;
      if (method !== null) expect(typeof new Exchange()[method]).toBe('function');
    }
  });

  it('describes exchanges from ccxt: candles, timeframes, websocket, passphrase', async () => {
    const catalog = new CcxtCatalog();
    expect(await catalog.describe('okx')).toMatchObject({
      label: 'OKX',
      needsPassword: true,
      websocket: true,
    });
    expect(await catalog.describe('binance')).toMatchObject({
      needsPassword: false,
      websocket: true,
    });
    expect((await catalog.describe('kraken')).timeframes).toEqual(
      expect.arrayContaining(['1m', '1h', '1d']),
    );
    await expect(catalog.describe('nosuchex')).rejects.toThrow(/^unknown exchange 'nosuchex'/);
  });
});
