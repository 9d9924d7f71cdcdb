import { describe, expect, it } from 'vitest';
import { controlModeRule } from '../../../../src-main/engine/risk/rules/control-mode-rule';
import { entry, riskContext } from '../../../../tests/support/risk-context';
import { riskHarness } from '../../../../tests/support/risk-harness';

describe('RESUMING control mode', () => {
  it('remembers the mode in force and returns to it, audited both ways', () => {
    const h = riskHarness([]);
    h.risk.control.set('PAUSED', 'user:ui', 'lunch');
    expect(h.risk.control.enterResuming('system:power', 'woke after 3 h')).toMatchObject({
      mode: 'RESUMING',
      resumeTo: 'PAUSED',
    });
    expect(h.risk.control.leaveResuming('system:power', 'checks passed')?.mode).toBe('PAUSED');
    expect(h.auditRows('control.mode_changed').slice(1)).toEqual([
      {
        actor: 'system:power',
        payload: { from: 'PAUSED', to: 'RESUMING', reason: 'woke after 3 h', resumeTo: 'PAUSED' },
      },
      {
        actor: 'system:power',
        payload: { from: 'RESUMING', to: 'PAUSED', reason: 'checks passed' },
      },
    ]);
  });

  it('leaves HALTED alone: no RESUMING, and a kill during RESUMING wins', () => {
    const h = riskHarness([]);
    h.risk.control.latchHalted('user:test', 'kill');
    expect(h.risk.control.enterResuming('system:power', 'woke')).toBeNull();
    expect(h.risk.control.mode).toBe('HALTED');
    expect(h.risk.control.leaveResuming('system:power', 'checks passed')).toBeNull();
    expect(h.risk.control.mode).toBe('HALTED');

    const g = riskHarness([]);
    g.risk.control.enterResuming('system:power', 'woke');
    g.risk.control.latchHalted('user:ui', 'kill while resuming');
    expect(g.risk.control.leaveResuming('system:power', 'checks passed')).toBeNull();
    expect(g.risk.control.mode).toBe('HALTED');
  });

  it('a second sleep keeps the mode to return to; pause/reduce while RESUMING change it only', () => {
    const h = riskHarness([]);
    h.risk.control.set('REDUCING', 'user:ui', 'hot');
    h.risk.control.enterResuming('system:power', 'woke');
    expect(h.risk.control.enterResuming('system:power', 'slept again')?.resumeTo).toBe('REDUCING');
    const paused = h.risk.control.set('PAUSED', 'user:ui', 'not now');
    expect(paused).toMatchObject({ mode: 'RESUMING', resumeTo: 'PAUSED' });
    expect(h.risk.control.leaveResuming('system:power', 'ok')?.mode).toBe('PAUSED');
  });

  it('survives a restart in RESUMING with the mode it returns to', () => {
    const h = riskHarness([]);
    h.risk.control.set('REDUCING', 'user:ui', 'hot');
    h.risk.control.enterResuming('system:power', 'woke');
    expect(h.restart([]).control.current).toMatchObject({ mode: 'RESUMING', resumeTo: 'REDUCING' });
  });

  it('refuses new orders with the reason, but passes the kill and protective exits', () => {
    const ctx = riskContext({ mode: 'RESUMING' });
    expect(controlModeRule.check(entry(), ctx, false)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('RESUMING after sleep'),
    });
    // A trader's reduce-only close waits too: the book is not reconciled yet.
    expect(controlModeRule.check(entry({ source: 'ui' }), ctx, true)).toMatchObject({ ok: false });
    expect(controlModeRule.check(entry({ source: 'kill' }), ctx, true)).toEqual({ ok: true });
    expect(controlModeRule.check(entry({ source: 'protective' }), ctx, true)).toEqual({ ok: true });
    expect(controlModeRule.check(entry({ source: 'protective' }), ctx, false)).toMatchObject({
      ok: false,
    });
  });
});
