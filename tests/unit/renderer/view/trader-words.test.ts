import { describe, expect, it } from 'vitest';
import { ContractCallError } from '../../../../src-shared/contract/wire';
import { errorText } from '../../../../src-renderer/state/error-text';
import { fillToast, riskRejectionToast } from '../../../../src-renderer/view/book-toasts';
import { actorText, ruleLabel } from '../../../../src-shared/domain/actor-words';
import { withoutFloatNoise } from '../../../../src-renderer/view/trader-words';
import { readableReason } from '../../../../src-renderer/view/venue-reason';

describe("the trader's words", () => {
  it('says who acted instead of the audit actor', () => {
    expect(actorText('user:ui@websocket')).toBe('you, in the cockpit');
    expect(actorText('user:shortcut@electron')).toBe('you, with the kill shortcut');
    expect(actorText('user:websocket')).toBe('you, in the browser cockpit');
    expect(actorText('risk:daily-loss')).toBe('the daily loss limit');
    expect(actorText('system:restart')).toBe('Vigil, on restart');
    expect(actorText('someone')).toBe('someone');
  });

  it('names risk rules as the risk panel does', () => {
    expect(ruleLabel('risk-per-trade')).toBe('Risk per trade');
    expect(ruleLabel('control-mode')).toBe('Trading mode');
    expect(ruleLabel('new-rule')).toBe('new rule');
  });

  it('rounds float noise out of engine text and leaves real figures alone', () => {
    expect(withoutFloatNoise('risk 905.1900000000005 exceeds 200.00')).toBe(
      'risk 905.19 exceeds 200.00',
    );
    expect(withoutFloatNoise('stop 8799.999999999998')).toBe('stop 8800');
    expect(withoutFloatNoise('P 0.64, 1000000 units')).toBe('P 0.64, 1000000 units');
  });

  it('turns gate refusals into the limit and its reason', () => {
    expect(
      readableReason(
        'gate: control-mode: HALTED: only kill-switch orders are accepted; rearm first',
      ),
    ).toBe('Trading mode: HALTED: only kill-switch orders are accepted; rearm first');
    expect(readableReason('gate: no mark price for ETH/BTC; exposure cannot be valued')).toBe(
      'Risk gate: no mark price for ETH/BTC; exposure cannot be valued',
    );
  });

  it('shows a risk refusal without raw codes such as "(mode 3)" or float noise', () => {
    const toast = riskRejectionToast(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        qty: 0.1,
        price: 9051.900000000001,
        source: 'manual',
        rule: 'risk-per-trade',
        reason: 'no stop: whole notional 905.1900000000005 exceeds 200.00 (2% of equity)',
        numbers: { risk: 905.1900000000005, limit: 200, mode: 3 },
      },
      {},
    );
    expect(toast.title).toBe('Refused: Risk per trade');
    expect(toast.body).toBe(
      'BUY 0.1 BTC/USDT at 9,051.90: no stop: whole notional 905.19 exceeds 200.00 (2% of equity)',
    );
  });

  it('names the form field of a refused input, not the schema path and message', () => {
    const error = new ContractCallError({
      code: 'INVALID_INPUT',
      message: 'Invalid input for placeOrder: qty: must be a non-negative decimal string',
      issues: [
        { path: 'qty', message: 'must be a non-negative decimal string' },
        {
          path: 'bracket.takeProfit',
          message: 'Invalid input: expected string, received undefined',
        },
        { path: 'riskPerTradePct', message: 'Too big: expected number to be <=10' },
      ],
    });
    expect(errorText(error)).toBe(
      'Qty must be a number like 0.01; Take-profit is required; Risk per trade (max) Too big: expected number to be <=10',
    );
    expect(
      errorText(
        new ContractCallError({
          code: 'HANDLER_FAILED',
          message: 'rearm failed: venue shows 1 open order',
        }),
      ),
    ).toBe('venue shows 1 open order');
  });
});

describe('fill toasts', () => {
  const fill = {
    bookId: 'paper' as const,
    fillId: 'f1',
    clientOrderId: 'c1',
    symbol: 'BTC/USDT',
    side: 'buy' as const,
    qty: '0.05',
    price: '9295.75',
    notional: '464.7875',
    fee: '0.4647875',
    feeAsset: 'USDT',
    feeQuote: '0.4647875',
    liquidity: 'taker' as const,
    realizedPnl: '0',
    at: 0,
  };

  it('shows the fill price at the tick and the fee in cents, unless cents would hide it', () => {
    expect(fillToast(fill, {})).toEqual({
      title: 'Filled BUY 0.05 BTC/USDT',
      body: 'at 9,295.75, fee 0.46 USDT',
    });
    expect(fillToast({ ...fill, fee: '0.0004', feeAsset: 'USDT' }, {}).body).toBe(
      'at 9,295.75, fee 0.0004 USDT',
    );
  });
});
