import { describe, expect, it } from 'vitest';
import { sizePosition } from '../../../../src-main/engine/risk/position-sizing';
import { defaultRiskConfig } from '../../../../src-shared/domain/risk-config';

const config = defaultRiskConfig('UTC');
const base = { equity: 10_000, entryPrice: 100, stopPrice: 95 };

describe('position sizing', () => {
  it('scales risk from 0.25% at confidence 0.5 to 2% at confidence 1', () => {
    expect(sizePosition({ ...base, confidence: 0.5 }, config)).toEqual({
      qty: 5,
      riskPct: 0.25,
      kellyPct: null,
    });
    expect(sizePosition({ ...base, confidence: 1 }, config)).toEqual({
      qty: 40,
      riskPct: 2,
      kellyPct: null,
    });
    expect(sizePosition({ ...base, confidence: 0.75 }, config).riskPct).toBeCloseTo(1.125);
    expect(sizePosition({ ...base, confidence: 0.2 }, config).riskPct).toBe(0.25);
  });

  it('caps by fractional Kelly (x0.25), and sizes zero without an edge', () => {
    // p = 0.55, b = 1: Kelly 0.10 -> quarter Kelly 2.5% > 2%: the confidence size stands.
    expect(sizePosition({ ...base, confidence: 1, winRate: 0.55, payoff: 1 }, config).riskPct).toBe(
      2,
    );
    // p = 0.52, b = 1: Kelly 0.04 -> 1%.
    expect(
      sizePosition({ ...base, confidence: 1, winRate: 0.52, payoff: 1 }, config).riskPct,
    ).toBeCloseTo(1);
    expect(sizePosition({ ...base, confidence: 1, winRate: 0.4, payoff: 1 }, config)).toMatchObject(
      { qty: 0, riskPct: 0 },
    );
  });

  it('refuses bad inputs by name', () => {
    expect(() => sizePosition({ ...base, equity: Number.NaN, confidence: 1 }, config)).toThrow(
      'equity must be finite > 0',
    );
    expect(() => sizePosition({ ...base, confidence: 2 }, config)).toThrow('confidence');
    expect(() => sizePosition({ ...base, stopPrice: 100, confidence: 1 }, config)).toThrow(
      'stop equals entry',
    );
  });
});
