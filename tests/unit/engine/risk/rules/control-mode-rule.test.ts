import { describe, expect, it } from 'vitest';
import { controlModeRule } from '../../../../../src-main/engine/risk/rules/control-mode-rule';
import { entry, riskContext } from '../../../../../tests/support/risk-context';

describe('control-mode rule', () => {
  it('passes everything in RUNNING', () => {
    expect(controlModeRule.check(entry(), riskContext(), false)).toEqual({ ok: true });
  });

  it.each(['PAUSED', 'REDUCING'] as const)('%s passes reducing orders only', (mode) => {
    const ctx = riskContext({ mode });
    expect(controlModeRule.check(entry(), ctx, true)).toEqual({ ok: true });
    expect(controlModeRule.check(entry(), ctx, false)).toMatchObject({
      ok: false,
      rule: 'control-mode',
      reason: expect.stringContaining(mode),
    });
  });

  it('HALTED passes only kill-switch orders, even reducing ones from elsewhere are refused', () => {
    const ctx = riskContext({ mode: 'HALTED' });
    expect(controlModeRule.check(entry({ source: 'kill' }), ctx, true)).toEqual({ ok: true });
    expect(controlModeRule.check(entry({ source: 'ui' }), ctx, true)).toMatchObject({ ok: false });
    expect(controlModeRule.check(entry({ source: 'protective' }), ctx, true)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('rearm'),
    });
  });
});
