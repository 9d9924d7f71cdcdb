import { afterEach, describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../src-shared/contract/dispatch';
import type { CommandResult } from '../../src-shared/contract/wire';
import type { Engine } from '../../src-main/engine/engine';
import { at, loadCandles } from '../support/execution-fixture';
import { startTestEngine } from '../support/test-engine';
import { useTempDirs } from '../support/temp-dir';

// Mistakes of the caller come back as INVALID_INPUT naming the field (or REFUSED saying why);
// HANDLER_FAILED is kept for Vigil's own bugs. Through a real engine and its contract.

const BTC = loadCandles('binance_BTC-USDT_1m.csv');
const tempDir = useTempDirs();
const engines: Engine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.stop('test end');
});

function start(): {
  call: (name: string, input: unknown) => Promise<CommandResult<unknown>>;
  bugs: unknown[];
} {
  const bugs: unknown[] = [];
  const engine = startTestEngine(
    tempDir(),
    { onError: (e) => bugs.push(e) },
    at(BTC, 0).openTime + 60_000,
  );
  engines.push(engine);
  engine.execution.onBar('BTC/USDT', at(BTC, 0), '1m');
  return {
    call: (name, input) => dispatchCommand(engine.handlers, name, input, { origin: 'test' }),
    bugs,
  };
}

const market = { symbol: 'BTC/USDT', side: 'buy', type: 'market' } as const;

describe('errors caused by the caller', () => {
  it('answer INVALID_INPUT naming the field, never HANDLER_FAILED', async () => {
    const { call, bugs } = start();
    const cases: Array<[string, unknown, string]> = [
      ['placeOrder', { ...market, qty: '0' }, 'qty'],
      ['placeOrder', { ...market, qty: '0.0000000000001' }, 'qty'],
      [
        'placeOrder',
        {
          ...market,
          type: 'limit',
          price: '6000',
          qty: '0.01',
          bracket: { stopLoss: '7000', takeProfit: '5000' },
        },
        'bracket',
      ],
      ['setRiskConfig', { changes: { maxLeverage: 50 } }, 'maxLeverage'],
      ['cancelOrder', { clientOrderId: 'nosuchorder1' }, 'clientOrderId'],
      [
        'exportReport',
        {
          exportId: 'x',
          book: 'paper',
          period: { kind: 'month', month: '2099-01' },
          timeZone: 'UTC',
          format: 'pdf',
        },
        'period',
      ],
    ];
    for (const [name, input, field] of cases) {
      const result = await call(name, input);
      expect(result, `${name} ${JSON.stringify(input)}`).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', issues: [expect.objectContaining({ path: field })] },
      });
    }
    expect(bugs).toEqual([]);
  });

  it('answer REFUSED for what the engine state does not allow', async () => {
    const { call, bugs } = start();
    expect(await call('kill', { reason: 'test' })).toMatchObject({ ok: true });
    expect(await call('resume', {})).toMatchObject({
      ok: false,
      error: { code: 'REFUSED', message: expect.stringContaining('rearm first') },
    });
    expect(bugs).toEqual([]);
  });

  it('bounds decimal strings at the schema: a 400-digit quantity never reaches the gate', async () => {
    const { call, bugs } = start();
    for (const qty of ['9'.repeat(400), `1${'0'.repeat(15)}`, '9'.repeat(900_000)]) {
      const result = await call('placeOrder', { ...market, qty });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', issues: [expect.objectContaining({ path: 'qty' })] },
      });
    }
    expect(await call('placeOrder', { ...market, qty: '0.01' })).toMatchObject({ ok: true });
    expect(bugs).toEqual([]);
  });
});
