import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS } from '../../../../src-shared/contract/alerts';
import { AlertRouter } from '../../../../src-main/engine/alerts/alert-router';

describe('the HALTED alert', () => {
  const halted = {
    kind: 'controlModeChanged' as const,
    payload: { mode: 'HALTED' as const, reason: 'news spike', actor: 'user:ui', at: 5 },
  };

  it('says what HALTED still accepts: closes and protective stops, never new exposure', () => {
    const message = new AlertRouter('RUNNING').route(halted, DEFAULT_ALERT_SETTINGS, 5);
    expect(message?.title).toBe('Vigil HALTED');
    // Reduce-only orders are accepted while HALTED, so "no new orders" would be untrue.
    expect(message?.body).not.toMatch(/no new orders/i);
    expect(message?.body).toBe(
      'news spike (by you, in the cockpit). Nothing that adds exposure is accepted; open orders are being ' +
        'cancelled. Closing a position and placing a protective stop still work.',
    );
  });

  it('names who halted in words, never the raw actor id', () => {
    const by = (actor: string): string | undefined =>
      new AlertRouter('RUNNING').route(
        { ...halted, payload: { ...halted.payload, actor } },
        DEFAULT_ALERT_SETTINGS,
        5,
      )?.body;
    expect(by('user:cli@cli')).toMatch(/^news spike \(by you, with the vigil command\)\./);
    expect(by('user:ui@websocket')).toMatch(/^news spike \(by you, in the cockpit\)\./);
    expect(by('user:shortcut@electron')).toMatch(/\(by you, with the kill shortcut\)/);
    expect(by('risk:daily-loss')).toMatch(/\(by the daily loss limit\)/);
    expect(by('risk:panic:stale-quotes')).toMatch(/\(by a panic check \(stale quotes\)\)/);
    expect(by('cli')).toMatch(/\(by you, with the vigil command\)/);
  });

  it('alerts once per latch, not for a joined trigger', () => {
    const router = new AlertRouter('RUNNING');
    expect(router.route(halted, DEFAULT_ALERT_SETTINGS, 5)).not.toBeNull();
    expect(router.route(halted, DEFAULT_ALERT_SETTINGS, 6)).toBeNull();
  });
});

describe('the refusal alert', () => {
  it('names the risk rule as the risk panel does, not its id', () => {
    const message = new AlertRouter('RUNNING').route(
      {
        kind: 'riskRejected',
        payload: {
          symbol: 'BTC/USDT',
          side: 'buy',
          qty: 0.5,
          price: 60000,
          source: 'manual',
          rule: 'risk-per-trade',
          reason: 'risk 905.19 exceeds 200.00 (2% of equity)',
          numbers: {},
        },
      },
      { ...DEFAULT_ALERT_SETTINGS, refusals: true },
      5,
    );
    expect(message?.title).toBe('Refused by Risk per trade: buy 0.5 BTC/USDT');
  });
});

describe('the PRIME alert', () => {
  const prime = (calibrated: boolean) =>
    new AlertRouter('RUNNING').route(
      {
        kind: 'tierChanged',
        payload: {
          exchange: 'binance',
          symbol: 'ETH/USDT',
          timeframe: '1h',
          at: 5,
          from: 'WATCH',
          to: 'PRIME',
          probability: 0.8234,
          calibrated,
          evBps: 14,
          reason: 'P 82.3% and EV +14.0 bps',
        },
      },
      { ...DEFAULT_ALERT_SETTINGS, prime: true },
      5,
    )?.body;

  it('words P as the board does: "uncalibrated" after it when it is the prior', () => {
    expect(prime(true)).toBe('P 82.3% and EV +14.0 bps (P 0.82)');
    expect(prime(false)).toBe('P 82.3% and EV +14.0 bps (P 0.82 uncalibrated)');
  });
});
