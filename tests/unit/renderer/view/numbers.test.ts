import { describe, expect, it } from 'vitest';
import type { MarketView } from '../../../../src-shared/contract/execution';
import { DEFAULT_PAPER_MARKETS } from '../../../../src-main/engine/execution/paper/paper-markets';
import {
  formatDecimal,
  formatFloatPrice,
  formatSigned,
  moneyPlaces,
  placesOf,
} from '../../../../src-renderer/view/numbers';
import { floatPriceText, priceText } from '../../../../src-renderer/view/market-format';

// The paper venue's own BTC/USDT market (tick 0.01), as listMarkets sends it.
const BTC = DEFAULT_PAPER_MARKETS.find((m) => m.symbol === 'BTC/USDT') as MarketView;

describe('numbers as a trader reads them', () => {
  it('rounds exact decimal text half away from zero, with thousands separators', () => {
    // The figures from the issue: equity, an average entry, a fee.
    expect(formatDecimal('9998.3545346', 2)).toBe('9,998.35');
    expect(formatDecimal('8980.173333333333', 2)).toBe('8,980.17');
    expect(formatDecimal('905.1900000000005', 2)).toBe('905.19');
    expect(formatDecimal('0.005', 2)).toBe('0.01');
    expect(formatDecimal('-0.005', 2)).toBe('-0.01');
    expect(formatDecimal('-0.004', 2)).toBe('0.00');
    expect(formatDecimal('999.995', 2)).toBe('1,000.00');
    expect(formatDecimal('1234567', 0)).toBe('1,234,567');
  });

  it('keeps every digit sent when no precision is known, dropping only trailing zeros', () => {
    expect(formatDecimal('10000')).toBe('10,000');
    expect(formatDecimal('0.00002841')).toBe('0.00002841');
    expect(formatDecimal('12.500')).toBe('12.5');
  });

  it('signs PnL and refuses text that is not a number', () => {
    expect(formatSigned('12.3', 2)).toBe('+12.30');
    expect(formatSigned('-12.3', 2)).toBe('-12.30');
    expect(formatSigned('0', 2)).toBe('0.00');
    expect(() => formatDecimal('12,3', 2)).toThrow("not a decimal number: '12,3'");
  });

  it('uses the market tick for prices and cents or satoshis for money', () => {
    expect(placesOf('0.01')).toBe(2);
    expect(placesOf('0.00001000')).toBe(5);
    expect(placesOf('1')).toBe(0);
    expect(priceText({ 'BTC/USDT': BTC }, 'BTC/USDT', '8606.9')).toBe('8,606.90');
    expect(priceText({}, 'ETH/BTC', '0.07634500')).toBe('0.076345');
    expect(floatPriceText({ 'BTC/USDT': BTC }, 'BTC/USDT', 8606.93 + 1e-9)).toBe('8,606.93');
    expect(moneyPlaces('USDT')).toBe(2);
    expect(moneyPlaces('BTC')).toBe(8);
  });

  it('gives a float price with no market four significant digits, never float noise', () => {
    expect(formatFloatPrice(42017.5123)).toBe('42,017.51');
    expect(formatFloatPrice(1.23456)).toBe('1.235');
    expect(formatFloatPrice(0.00002841)).toBe('0.00002841');
    expect(formatFloatPrice(905.1900000000005)).toBe('905.19');
  });
});
