import { describe, expect, it } from 'vitest';
import type { Exchange } from 'ccxt';
import {
  BrokerDuplicateIdError,
  BrokerNotSentError,
  BrokerUnknownOutcomeError,
  VenueRejectError,
} from '../../../../../src-main/engine/execution/broker-errors';
import { mapCcxtError } from '../../../../../src-main/engine/execution/live/ccxt-error-map';
import { okxReject } from '../../../../../src-main/engine/execution/live/okx-dialect';
import { capabilitiesOf } from '../../../../../src-main/engine/market/exchanges/exchange-capabilities';
import { loadCcxt } from '../../../../../src-main/engine/market/load-ccxt';

// OKX's replies as OKX sends them, raised by ccxt's own okx.handleErrors (the class ccxt picks
// for each code), then mapped to the port's outcomes.

async function raised(httpStatus: number, reply: unknown): Promise<unknown> {
  const ccxt = await loadCcxt();
  const Okx = (ccxt as unknown as Record<string, (new () => Exchange) | undefined>)['okx'];
  if (Okx === undefined) throw new Error('this ccxt has no okx');
  const okx = new Okx();
  const body = JSON.stringify(reply);
  try {
    okx.handleErrors(
      httpStatus,
      '',
      'https://www.okx.com/api/v5/trade/batch-orders',
      'POST',
      {},
      body,
      reply,
      {},
      '',
    );
    okx.handleHttpStatusCode(httpStatus, '', 'url', 'POST', body);
  } catch (error) {
    return error;
  }
  throw new Error('ccxt raised nothing');
}

const item = (sCode: string, sMsg: string): unknown => ({
  code: '1',
  data: [{ clOrdId: 'vglab1200000001', ordId: '', sCode, sMsg, tag: '' }],
  msg: 'All operations failed',
});

async function mapped(httpStatus: number, reply: unknown) {
  const caps = capabilitiesOf('okx').trading;
  if (caps === null) throw new Error('okx has no trading capabilities');
  return mapCcxtError(await loadCcxt(), 'okx', caps, await raised(httpStatus, reply));
}

describe('OKX errors, raised by ccxt, mapped to the port’s outcomes', () => {
  it('51008 insufficient balance: a refusal with OKX’s code and message', async () => {
    const m = await mapped(
      200,
      item('51008', 'Order failed. Insufficient USDT balance in account.'),
    );
    expect(m.error).toBeInstanceOf(VenueRejectError);
    expect(m.error).toMatchObject({ code: 51008 });
    expect(m.error.message).toContain('Order failed. Insufficient USDT balance in account.');
    expect(m.venueTrouble).toBe(false);
  });

  it('51000-series parameter errors are refusals', async () => {
    for (const [code, msg] of [
      ['51000', 'Parameter px error'],
      ['51020', 'Order amount should be greater than the min available amount.'],
      ['51001', 'Instrument ID does not exist.'],
    ] as const) {
      const m = await mapped(200, item(code, msg));
      expect(m.error).toBeInstanceOf(VenueRejectError);
      expect(m.error).toMatchObject({ code: Number(code) });
    }
  });

  it('51016 duplicated clOrdId (ccxt: InvalidOrder) is a duplicate: look it up, never resend', async () => {
    const m = await mapped(200, item('51016', 'Duplicated clOrdId'));
    expect(m.error).toBeInstanceOf(BrokerDuplicateIdError);
  });

  it('50011 (429) is a rate limit: not processed, waited out and sent again', async () => {
    const m = await mapped(429, {
      code: '50011',
      data: [],
      msg: 'Rate limit reached. Please refer to API documentation and throttle requests accordingly.',
    });
    expect(m.error).toBeInstanceOf(BrokerNotSentError);
    expect(m).toMatchObject({ rateLimited: true, venueTrouble: true });
  });

  it('50001 (service unavailable) and 50004 (timeout): the outcome is unknown, resolved by lookup', async () => {
    for (const [code, msg] of [
      ['50001', 'Service temporarily unavailable. Please try again later.'],
      [
        '50004',
        'API endpoint request timeout (does not indicate success or failure of order, please check order status).',
      ],
    ] as const) {
      const m = await mapped(200, { code, data: [], msg });
      expect(m.error).toBeInstanceOf(BrokerUnknownOutcomeError);
      expect(m.venueTrouble).toBe(true);
    }
  });

  it('reads the item’s sCode before the request’s code, and nothing from text that is not OKX’s', () => {
    expect(okxReject(`okx ${JSON.stringify(item('51008', 'Insufficient '))}`)).toEqual({
      code: 51008,
      msg: 'Insufficient',
    });
    expect(okxReject('okx {"code":"50011","data":[],"msg":"Rate limit reached."}')).toEqual({
      code: 50011,
      msg: 'Rate limit reached.',
    });
    expect(okxReject('okx GET https://www.okx.com/api/v5/trade/order 502 Bad Gateway')).toBeNull();
    expect(okxReject('okx {"code":"0","data":[],"msg":""}')).toBeNull();
  });
});
