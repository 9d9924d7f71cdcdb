import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  divRound,
  formatScaled,
  parseScaled,
  rescale,
  scaledFromNumber,
} from '../../../../src-shared/domain/decimal';

describe('exact decimals', () => {
  it('parses and formats canonically', () => {
    expect(parseScaled('6412.50', 2, 'p')).toBe(641250n);
    expect(parseScaled('-0.001', 4, 'p')).toBe(-10n);
    expect(formatScaled(641250n, 2)).toBe('6412.5');
    expect(formatScaled(-10n, 4)).toBe('-0.001');
    expect(formatScaled(0n, 8)).toBe('0');
  });

  it('refuses more digits than the scale, and non-numbers, naming where', () => {
    expect(() => parseScaled('0.123', 2, 'order qty')).toThrow(
      "order qty: '0.123' has more than 2 decimal places",
    );
    expect(() => parseScaled('1e5', 2, 'price')).toThrow("price: not a decimal number: '1e5'");
    expect(() => parseScaled('NaN', 2, 'price')).toThrow('price: not a decimal number');
  });

  it('rounds only when asked, in the asked direction', () => {
    expect(() => rescale(12345n, 4, 2)).toThrow('inexact');
    expect(rescale(12345n, 4, 2, 'floor')).toBe(123n);
    expect(rescale(12345n, 4, 2, 'ceil')).toBe(124n);
    expect(rescale(-12345n, 4, 2, 'floor')).toBe(-124n);
    expect(divRound(-7n, 2n, 'ceil', 'x')).toBe(-3n);
  });

  it('converts candle floats with explicit rounding and rejects non-finite input', () => {
    expect(scaledFromNumber(6412.46, 2, 'nearest', 'bar')).toBe(641246n);
    expect(scaledFromNumber(15.085915, 5, 'floor', 'vol')).toBe(1508591n);
    expect(() => scaledFromNumber(Number.NaN, 2, 'nearest', 'bar 1 open')).toThrow(
      'bar 1 open: non-finite number NaN',
    );
  });

  it('property: format then parse is the identity', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.integer({ min: 0, max: 24 }),
        (v, scale) => {
          expect(parseScaled(formatScaled(v, scale), scale, 'v')).toBe(v);
        },
      ),
    );
  });
});
