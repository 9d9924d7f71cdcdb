import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../../../src-main/engine/market/parse-decimal';
import { SHARED_CANDLES_DIR } from '../../../support/candle-data';

const parse = (text: string): number => parseDecimal(text, 0, text.length);

describe('parseDecimal', () => {
  it('equals Number() on every number cell of every shared candle file', () => {
    let checked = 0;
    for (const name of readdirSync(SHARED_CANDLES_DIR).filter((n) => n.endsWith('.csv'))) {
      const lines = readFileSync(join(SHARED_CANDLES_DIR, name), 'utf8').split('\n').slice(1);
      for (const line of lines) {
        if (line === '') continue;
        for (const cell of line.split(',').slice(1)) {
          if (!Object.is(parse(cell), Number(cell))) {
            throw new Error(
              `${name}: '${cell}' parsed as ${parse(cell)}, Number gives ${Number(cell)}`,
            );
          }
          checked += 1;
        }
      }
    }
    expect(checked).toBe(240028 * 5);
  });

  it('equals Number() on edge cases, including the slow path', () => {
    const cases = [
      '0',
      '-0',
      '+1',
      '7.',
      '.5',
      '0.1',
      '0.30000000000000004',
      '5.33e-05',
      '5.33E+05',
      '1e22',
      '1e23',
      '1e-22',
      '1e-23',
      '123456789012345',
      '1234567890123456789',
      '9007199254740993',
      '0.000000000000000000000000001',
      '1.7976931348623157e308',
      '4.9e-324',
      '46319.0',
      '2300413.7295',
      '0.1234567890123456789',
      '100000000000000000000000',
    ];
    for (const c of cases) expect(Object.is(parse(c), Number(c)), c).toBe(true);
  });

  it('rejects what is not a plain decimal', () => {
    for (const bad of [
      '',
      ' ',
      ' 1',
      '1 ',
      '0x10',
      '0b1',
      'Infinity',
      '-Infinity',
      'NaN',
      '1e',
      '1e+',
      '.',
      '-',
      '1.2.3',
      '1,5',
      '--1',
      '1_000',
    ]) {
      expect(parse(bad), JSON.stringify(bad)).toBeNaN();
    }
  });
});
