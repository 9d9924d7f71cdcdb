import { describe, expect, it } from 'vitest';
import { defaultRiskConfig, RiskConfigSchema } from '../../../../src-shared/domain/risk-config';
import {
  applyChanges,
  parseConfigValue,
  parseRiskConfig,
  RiskConfigError,
} from '../../../../src-main/engine/risk/risk-config-store';
import { riskHarness } from '../../../../tests/support/risk-harness';

function issuesOf(raw: unknown): readonly string[] {
  try {
    parseRiskConfig(raw);
  } catch (error) {
    if (error instanceof RiskConfigError) return error.issues;
    throw error;
  }
  return [];
}

describe('risk config', () => {
  it('has the DESIGN.md defaults', () => {
    expect(defaultRiskConfig('Europe/Berlin')).toEqual({
      timeZone: 'Europe/Berlin',
      dailyLossPct: 2,
      maxDrawdownPct: 10,
      softDrawdownPct: 8,
      maxHeatPct: 25,
      riskPerTradePct: 2,
      minRiskPerTradePct: 0.25,
      kellyFractionCap: 0.25,
      maxOpenPositions: 3,
      maxSymbolSharePct: 100,
      lossCooldownMin: 60,
      maxLeverage: 3,
      minNotional: 10,
      flattenOnKill: false,
      panic: {
        staleQuoteMs: 30_000,
        spreadMultiple: 3,
        spreadWindow: 100,
        slippageMultiple: 3,
        slippageFloorBps: 2,
        errorCascadeCount: 5,
        errorCascadeWindowSec: 60,
        breakerFailures: 5,
        breakerOpenSec: 30,
        breakerCloseAfter: 2,
      },
    });
  });

  it('names every bad field, including cross-field checks', () => {
    const bad = {
      ...defaultRiskConfig('UTC'),
      timeZone: 'Mars/Olympus',
      maxLeverage: 11,
      softDrawdownPct: 12,
      riskPerTradePct: 3,
      dailyLossPct: Number.NaN,
      bogus: 1,
    };
    const issues = issuesOf(bad);
    expect(issues).toEqual(
      expect.arrayContaining([
        'timeZone: is not a known IANA time zone',
        expect.stringMatching(/^maxLeverage: /),
        expect.stringMatching(/^dailyLossPct: /),
        expect.stringMatching(/^\(config\): .*bogus/),
      ]),
    );
  });

  it('runs cross-field checks on an otherwise valid config', () => {
    const issues = issuesOf({
      ...defaultRiskConfig('UTC'),
      softDrawdownPct: 12,
      riskPerTradePct: 2.5,
    });
    expect(issues).toEqual([
      'softDrawdownPct: must be below maxDrawdownPct (10), got 12',
      'riskPerTradePct: must not exceed dailyLossPct (2), got 2.5',
    ]);
    expect(issuesOf({ ...defaultRiskConfig('UTC'), maxLeverage: 0.5 })).toEqual([
      'maxSymbolSharePct: must not exceed maxLeverage x 100 (50), got 100',
    ]);
  });

  it('parses CLI values and refuses unknown keys by name', () => {
    expect(parseConfigValue('2.5')).toBe(2.5);
    expect(parseConfigValue('true')).toBe(true);
    expect(parseConfigValue('America/New_York')).toBe('America/New_York');
    expect(applyChanges(defaultRiskConfig('UTC'), { 'panic.staleQuoteMs': 5000 })).toMatchObject({
      panic: { staleQuoteMs: 5000 },
    });
    expect(() => applyChanges(defaultRiskConfig('UTC'), { maxLev: 2, 'panic.nope': 1 })).toThrow(
      'maxLev: unknown setting; panic.nope: unknown setting',
    );
  });

  it('persists a change, audits old and new values, and refuses a bad one without changing anything', () => {
    const h = riskHarness([]);
    const next = h.risk.config.update({ maxLeverage: 2, 'panic.errorCascadeCount': 8 }, 'user:cli');
    expect(next.maxLeverage).toBe(2);
    expect(h.auditRows('risk.config_changed')).toEqual([
      {
        actor: 'user:cli',
        payload: {
          changes: [
            { key: 'maxLeverage', old: 3, new: 2 },
            { key: 'panic.errorCascadeCount', old: 5, new: 8 },
          ],
        },
      },
    ]);
    expect(() => h.risk.config.update({ maxLeverage: 20 }, 'user:cli')).toThrow(/maxLeverage/);
    expect(h.risk.config.current.maxLeverage).toBe(2);
    // Survives a restart.
    expect(h.restart([]).config.current).toEqual(next);
    expect(RiskConfigSchema.parse(next)).toEqual(next);
  });
});
