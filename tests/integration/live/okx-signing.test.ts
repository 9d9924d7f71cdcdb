import { describe, expect, it } from 'vitest';
import type { Exchange } from 'ccxt';
import { loadCcxt } from '../../../src-main/engine/market/load-ccxt';
import {
  liveOkxClient,
  OKX_LIVE_KEY,
  startLocalOkx,
  startOkxRig,
} from '../../support/okx-broker-rig';
import { stopAfterEach } from '../../support/stop-after-each';
import { LIVE_T0 } from '../../support/live-broker-rig';

// OKX's signed REST and private websocket login, through ccxt, against the local OKX: what a
// misconfigured key or a drifting laptop clock gets, in OKX's words.

const keep = stopAfterEach<{ stop(): Promise<void> }>();

describe('OKX signing through ccxt', () => {
  it('a request signed with the wrong passphrase is refused (50105) before anything trades', async () => {
    await expect(startOkxRig({ passphrase: 'not-the-passphrase' })).rejects.toThrow(
      'Request header OK-ACCESS-PASSPHRASE incorrect.',
    );
  });

  it('a clock 40 s behind OKX’s: refused for its timestamp (50102), not sent as an order', async () => {
    await expect(startOkxRig({ clientLagMs: 40_000 })).rejects.toThrow(
      /refused for its timestamp: .*Timestamp request expired/,
    );
    // Within OKX's 30 s window it signs fine.
    keep(await startOkxRig({ clientLagMs: 20_000 }));
  });

  it('the private websocket refuses a login with the wrong passphrase (60024)', async () => {
    const server = keep(await startLocalOkx(() => LIVE_T0));
    const exchange: Exchange = await liveOkxClient(server.url);
    keep({ stop: () => exchange.close() });
    await exchange.loadMarkets();
    exchange.password = 'not-the-passphrase';
    const ccxt = await loadCcxt();
    const watched = exchange.watchOrders();
    await expect(watched).rejects.toBeInstanceOf(ccxt.AuthenticationError);
    await expect(watched).rejects.toThrow('Wrong passphrase');
    expect(server.privateStream.subscriberCount()).toBe(0);
    expect(OKX_LIVE_KEY.passphrase).not.toBe(exchange.password);
  });
});
