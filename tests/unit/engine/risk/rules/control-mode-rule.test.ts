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

  it('HALTED passes kill-switch orders and reduce-only orders that shrink a position, nothing else', () => {
    const ctx = riskContext({ mode: 'HALTED' });
    expect(controlModeRule.check(entry({ source: 'kill' }), ctx, true)).toEqual({ ok: true });
    // A close, a partial close or a new protective stop: reduce-only and reducing by the numbers.
    for (const source of ['ui', 'cli', 'protective'] as const)
      expect(
        controlModeRule.check(entry({ source, side: 'sell', reduceOnly: true }), ctx, true),
      ).toEqual({ ok: true });
    // Reducing by the numbers but not flagged reduce-only: it could add exposure at the venue.
    expect(controlModeRule.check(entry({ source: 'ui' }), ctx, true)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('reduce-only'),
    });
    // Adds exposure: refused, whatever its flag and source.
    expect(
      controlModeRule.check(entry({ source: 'protective', reduceOnly: true }), ctx, false),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('rearm') });
    expect(controlModeRule.check(entry({ source: 'autopilot' }), ctx, false)).toMatchObject({
      ok: false,
      rule: 'control-mode',
    });
  });
});
