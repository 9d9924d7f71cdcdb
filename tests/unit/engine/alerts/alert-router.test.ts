import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS } from '../../../../src-shared/contract/alerts';
import { AlertRouter } from '../../../../src-main/engine/alerts/alert-router';

describe('the HALTED alert', () => {
  const halted = {
    kind: 'controlModeChanged' as const,
    payload: { mode: 'HALTED' as const, reason: 'news spike', actor: 'user:ui', at: 5 },
  };

  it('says what HALTED still accepts: closes and protective stops, never new exposure', () => {
    const message = new AlertRouter('RUNNING').route(halted, DEFAULT_ALERT_SETTINGS, 5);
    expect(message?.title).toBe('Vigil HALTED');
    // Reduce-only orders are accepted while HALTED, so "no new orders" would be untrue.
    expect(message?.body).not.toMatch(/no new orders/i);
    expect(message?.body).toBe(
      'news spike (by user:ui). Nothing that adds exposure is accepted; open orders are being ' +
        'cancelled. Closing a position and placing a protective stop still work.',
    );
  });

  it('alerts once per latch, not for a joined trigger', () => {
    const router = new AlertRouter('RUNNING');
    expect(router.route(halted, DEFAULT_ALERT_SETTINGS, 5)).not.toBeNull();
    expect(router.route(halted, DEFAULT_ALERT_SETTINGS, 6)).toBeNull();
  });
});
