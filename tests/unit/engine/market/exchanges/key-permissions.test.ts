import { describe, expect, it } from 'vitest';
import {
  parseBybitPermissions,
  parseCoinbasePermissions,
  parseOkxPermissions,
} from '../../../../../src-main/engine/market/exchanges/key-permissions';
import { verdictOf } from '../../../../../src-main/engine/secrets/permission-check';

// Bybit and Coinbase have no local server here: their parsers are checked on response bodies
// written after the exchanges' documented examples (synthetic, since no real key's answer is
// in the shared data). Binance and OKX go through ccxt against local servers (integration).

const bybit = (wallet: string[], ips: string[], readOnly: 0 | 1 = 0): unknown => ({
  retCode: 0,
  retMsg: '',
  result: {
    id: '13770661',
    note: 'vigil',
    apiKey: 'XXXXXXXXXXXXXXXXXX',
    readOnly,
    secret: '',
    permissions: {
      ContractTrade: [],
      Spot: ['SpotTrade'],
      Wallet: wallet,
      Options: [],
      Derivatives: [],
      CopyTrading: [],
      BlockTrade: [],
      Exchange: [],
      NFT: [],
      Affiliate: [],
    },
    ips,
    type: 1,
    deadlineDay: 83,
    expiredAt: '2026-03-01T00:00:00Z',
    createdAt: '2025-12-01T00:00:00Z',
    unified: 0,
    uta: 1,
    userID: 24617703,
    inviterID: 0,
    vipLevel: 'No VIP',
    mktMakerLevel: '0',
    affiliateID: 0,
    rsaPublicKey: '',
    isMaster: true,
  },
  retExtInfo: {},
  time: 1767225600000,
});

describe('key permission parsers', () => {
  it('Bybit: spot trade-only with IPs passes; Wallet withdraw or transfer is refused', () => {
    const tradeOnly = parseBybitPermissions(bybit([], ['203.0.113.7']));
    expect(tradeOnly).toMatchObject({
      trade: true,
      withdraw: false,
      transfer: false,
      ipRestricted: true,
    });
    expect(verdictOf('bybit', tradeOnly, 0).verdict).toBe('passed');
    const mover = parseBybitPermissions(bybit(['AccountTransfer', 'Withdraw'], ['*']));
    expect(mover).toMatchObject({ withdraw: true, transfer: true, ipRestricted: false });
    const verdict = verdictOf('bybit', mover, 0);
    expect(verdict.verdict).toBe('refused');
    expect(verdict.summary).toContain('(Wallet.AccountTransfer, Wallet.Withdraw)');
    const readOnly = parseBybitPermissions(bybit([], ['203.0.113.7'], 1));
    expect(verdictOf('bybit', readOnly, 0).warnings[0]).toMatch(/^trading is disabled/);
  });

  it('Coinbase: can_transfer is refused; no IP report is a warning', () => {
    const body = {
      can_view: true,
      can_trade: true,
      can_transfer: false,
      portfolio_uuid: 'p',
      portfolio_type: 'DEFAULT',
    };
    const verdict = verdictOf('coinbase', parseCoinbasePermissions(body), 0);
    expect(verdict).toMatchObject({ verdict: 'passed', permissions: ['can_view', 'can_trade'] });
    expect(verdict.warnings).toEqual([
      "Coinbase does not report IP allowlists: check this key's on the exchange",
    ]);
    expect(
      verdictOf('coinbase', parseCoinbasePermissions({ ...body, can_transfer: true }), 0).verdict,
    ).toBe('refused');
  });

  it('refuses shapes it does not know instead of guessing', () => {
    expect(() =>
      parseBybitPermissions({ retCode: 10003, retMsg: 'API key is invalid.' }),
    ).toThrow();
    expect(() =>
      parseOkxPermissions({ code: '0', data: [{ perm: 'read_only,earn', ip: '' }] }),
    ).toThrow("OKX reported permissions Vigil does not know: 'read_only,earn'");
    expect(() => parseCoinbasePermissions({ can_view: true })).toThrow();
  });
});
