import { describe, expect, it } from 'vitest';
import { exactRate, floatRate } from '../../../../src-main/engine/ledger/conversion';

const SCALE = 10n ** 12n;
const p = (v: string): bigint => BigInt(Math.round(Number(v) * 1e6)) * 10n ** 6n;

describe('asset conversion through marks', () => {
  // Real closes: Binance 2018-06-18 21:00 (BTC/USDT 6745.79, ETH/BTC 0.076286).
  const floats = new Map([
    ['BTC/USDT', 6745.79],
    ['ETH/BTC', 0.076286],
  ]);

  it('values a quote asset through its pair, its inverse and a two-market path', () => {
    expect(floatRate('BTC', 'USDT', floats)).toBe(6745.79);
    expect(floatRate('USDT', 'BTC', floats)).toBeCloseTo(1 / 6745.79, 15);
    expect(floatRate('ETH', 'USDT', floats)).toBeCloseTo(0.076286 * 6745.79, 9);
    expect(floatRate('USDT', 'USDT', floats)).toBe(1);
  });

  it('prefers the direct market, and has no rate without a path', () => {
    const withDirect = new Map([...floats, ['ETH/USDT', 514.4]]);
    expect(floatRate('ETH', 'USDT', withDirect)).toBe(514.4);
    expect(floatRate('XRP', 'USDT', floats)).toBeNull();
    expect(floatRate('BTC', 'USDT', new Map([['BTC/USDT', Number.NaN]]))).toBeNull();
  });

  it('gives exact fractions for the ledger', () => {
    const marks = new Map([
      ['BTC/USDT', p('6745.79')],
      ['ETH/BTC', p('0.076286')],
    ]);
    const rate = exactRate('ETH', 'USDT', marks, SCALE);
    expect(rate?.via).toEqual(['ETH/BTC', 'BTC/USDT']);
    // 1 ETH = 0.076286 BTC x 6745.79 USDT/BTC = 514.60933594 USDT, exactly.
    expect(rate === null ? null : (rate.num * 10n ** 8n) / rate.den).toBe(51460933594n);
    const inverse = exactRate('USDT', 'BTC', marks, SCALE);
    expect(inverse).toMatchObject({ num: SCALE, den: p('6745.79'), via: ['BTC/USDT'] });
  });
});
