import { describe, expect, it } from 'vitest';
import { ControlTransitionError } from '../../../../src-main/engine/control/control-modes';
import { Settings } from '../../../../src-main/engine/settings';
import { ControlModeSchema } from '../../../../src-shared/domain/modes';
import { riskHarness } from '../../../../tests/support/risk-harness';

describe('control modes', () => {
  it('starts RUNNING, records every transition with who and why, and announces it', () => {
    const h = riskHarness([]);
    expect(h.risk.control.mode).toBe('RUNNING');
    h.risk.control.set('PAUSED', 'user:ui', 'lunch');
    h.risk.control.set('REDUCING', 'user:cli', 'too hot');
    h.risk.control.set('RUNNING', 'user:ui', 'back');
    expect(h.auditRows('control.mode_changed')).toEqual([
      { actor: 'user:ui', payload: { from: 'RUNNING', to: 'PAUSED', reason: 'lunch' } },
      { actor: 'user:cli', payload: { from: 'PAUSED', to: 'REDUCING', reason: 'too hot' } },
      { actor: 'user:ui', payload: { from: 'REDUCING', to: 'RUNNING', reason: 'back' } },
    ]);
    expect(h.events.filter((e) => e.kind === 'controlModeChanged')).toHaveLength(3);
  });

  it('persists the mode where Engine.status() reads it, and restores it with its reason', () => {
    const h = riskHarness([]);
    h.risk.control.set('PAUSED', 'user:ui', 'news at 14:30');
    const settings = new Settings(h.store.db);
    expect(settings.get('control_mode', (v) => ControlModeSchema.parse(v), 'RUNNING')).toBe(
      'PAUSED',
    );
    expect(h.restart([]).control.current).toMatchObject({
      mode: 'PAUSED',
      reason: 'news at 14:30',
      actor: 'user:ui',
    });
  });

  it('leaves HALTED only through rearm', () => {
    const h = riskHarness([]);
    h.risk.control.latchHalted('user:test', 'kill');
    expect(() => h.risk.control.set('RUNNING', 'user:ui', 'x')).toThrow(ControlTransitionError);
    expect(() => h.risk.control.set('PAUSED', 'user:ui', 'x')).toThrow('rearm first');
    expect(h.risk.control.rearm('user:ui', 'ok').mode).toBe('RUNNING');
    expect(() => h.risk.control.rearm('user:ui', 'again')).toThrow('nothing to rearm');
  });

  it('keeps the latch in memory even when the disk write fails', () => {
    const h = riskHarness([]);
    h.store.close();
    const state = h.risk.control.latchHalted('user:test', 'disk gone');
    expect(state.mode).toBe('HALTED');
    expect(h.risk.control.mode).toBe('HALTED');
    expect(h.errors).toHaveLength(1);
  });
});
