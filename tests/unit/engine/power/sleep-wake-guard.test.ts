import { describe, expect, it } from 'vitest';
import type { WakeCheck } from '../../../../src-shared/contract/power';
import { AuditLog } from '../../../../src-main/engine/audit/audit-log';
import { EventBus } from '../../../../src-main/engine/event-bus';
import { PowerSettingsStore } from '../../../../src-main/engine/power/power-settings-store';
import { SleepWakeGuard } from '../../../../src-main/engine/power/sleep-wake-guard';
import { Settings } from '../../../../src-main/engine/settings';
import { ControlModes } from '../../../../src-main/engine/control/control-modes';
import { Durability } from '../../../../src-main/engine/control/durability';
import { CORE_MIGRATIONS } from '../../../../src-main/engine/store/migrations';
import { openStore } from '../../../../src-main/engine/store/open-store';
import { ManualClock } from '../../../support/manual-clock';

/** A guard on real control modes and audit chain, whose wake checks the test answers. */
function guard(answer: () => WakeCheck[]): {
  g: SleepWakeGuard;
  passes: () => number;
  control: ControlModes;
  clock: ManualClock;
  audited: (kind: string) => number;
} {
  const store = openStore(':memory:', CORE_MIGRATIONS);
  const clock = new ManualClock(Date.UTC(2026, 2, 10, 7));
  const settings = new Settings(store.db);
  const audit = new AuditLog(store.db, clock);
  const events = new EventBus((e) => {
    throw e;
  });
  const onProblem = (message: string): void => {
    throw new Error(message);
  };
  const durability = new Durability({ audit, events, clock, databasePath: ':memory:', onProblem });
  const control = new ControlModes({
    settings,
    audit,
    events,
    clock,
    durability,
    databasePath: ':memory:',
  });
  let passes = 0;
  const g = new SleepWakeGuard({
    control,
    settings: new PowerSettingsStore(settings, audit),
    audit,
    events,
    clock,
    scheduler: clock,
    ensureStops: () => Promise.resolve(null),
    wakeChecks: () => {
      passes += 1;
      return Promise.resolve(answer());
    },
    kill: () => {},
    onError: (e) => {
      throw e;
    },
  });
  const audited = (kind: string): number =>
    (
      store.db.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE kind = ?').get(kind) as {
        n: number;
      }
    ).n;
  return { g, passes: () => passes, control, clock, audited };
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

describe('sleep/wake guard', () => {
  it('backs off while a check stays stuck, so a dead feed does not hammer the venue', async () => {
    const stuck: WakeCheck[] = [{ name: 'feeds', ok: false, detail: 'ccxt:binance DOWN' }];
    const { g, passes, control, clock, audited } = guard(() => stuck);
    g.resume('clock-jump', 3_600_000);
    for (let s = 0; s < 60; s += 1) {
      clock.advance(1000);
      await settle();
    }
    // 0, 1, 3, 7, 15, 25, 35, 45, 55 s: nine passes in a minute, not sixty.
    expect(passes()).toBe(9);
    expect(control.mode).toBe('RESUMING');
    expect(audited('power.wake_waiting')).toBe(1); // audited once, not per pass
  });

  it('returns to the mode from before as soon as a pass finds everything ready', async () => {
    let ready = false;
    const { g, control, clock } = guard(() => [
      { name: 'feeds', ok: ready, detail: ready ? 'fresh' : 'stale' },
    ]);
    control.set('PAUSED', 'user:ui', 'lunch');
    g.resume('os', null);
    await settle();
    expect(control.current).toMatchObject({ mode: 'RESUMING', resumeTo: 'PAUSED' });
    ready = true;
    clock.advance(1000);
    await settle();
    expect(control.mode).toBe('PAUSED');
    expect(g.current.state).toBe('awake');
  });
});
