import { describe, expect, it } from 'vitest';
import {
  evaluateGates,
  failedGateNames,
  type GateInputs,
} from '../../../../../src-main/engine/scanner/scoring/economics';
import { DEFAULT_SCANNER_CONFIG } from '../../../../../src-main/engine/scanner/scoring/scanner-config';

describe('execution gates', () => {
  const g = DEFAULT_SCANNER_CONFIG.gates;
  const passing: GateInputs = {
    presentShare: 1,
    stalenessBars: 0,
    spreadBps: g.maxSpreadBps / 2,
    impactBps: g.maxImpactBps / 2,
  };

  it('report each gate with its figure, limit and unit, in a fixed order', () => {
    expect(evaluateGates(DEFAULT_SCANNER_CONFIG, passing)).toEqual([
      {
        gate: 'dataQuality',
        pass: true,
        value: 1,
        limit: g.minDataQuality,
        unit: 'share of bars present',
      },
      { gate: 'staleness', pass: true, value: 0, limit: g.maxStalenessBars, unit: 'bars' },
      { gate: 'spread', pass: true, value: g.maxSpreadBps / 2, limit: g.maxSpreadBps, unit: 'bps' },
      { gate: 'impact', pass: true, value: g.maxImpactBps / 2, limit: g.maxImpactBps, unit: 'bps' },
    ]);
  });

  it('name the same failures on the lean path as the full reports, at and around each limit', () => {
    const cases: GateInputs[] = [passing];
    for (const [field, limit, step] of [
      ['presentShare', g.minDataQuality, -1e-9],
      ['stalenessBars', g.maxStalenessBars, 1e-9],
      ['spreadBps', g.maxSpreadBps, 1e-9],
      ['impactBps', g.maxImpactBps, 1e-9],
    ] as const) {
      for (const value of [limit, limit + step, Number.NaN])
        cases.push({ ...passing, [field]: value });
    }
    cases.push({ presentShare: 0, stalenessBars: 99, spreadBps: 1e9, impactBps: 1e9 });
    for (const input of cases) {
      const full = evaluateGates(DEFAULT_SCANNER_CONFIG, input);
      expect(failedGateNames(DEFAULT_SCANNER_CONFIG, input)).toEqual(
        full.filter((r) => !r.pass).map((r) => r.gate),
      );
    }
    // Every gate was seen failing, and one shared empty list answers when all pass.
    expect(failedGateNames(DEFAULT_SCANNER_CONFIG, cases.at(-1) as GateInputs)).toHaveLength(4);
    expect(failedGateNames(DEFAULT_SCANNER_CONFIG, passing)).toBe(
      failedGateNames(DEFAULT_SCANNER_CONFIG, { ...passing }),
    );
  });
});
