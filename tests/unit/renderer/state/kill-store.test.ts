import { describe, expect, it } from 'vitest';
import type { ControlStatus, KillState } from '../../../../src-shared/contract/risk';
import { useKillStore } from '../../../../src-renderer/state/kill-store';

function pass(attempts: number, phase: KillState['phase'] = 'reconciling'): KillState {
  return {
    killId: 'k1',
    actor: 'user:ui@ws',
    reason: 'manual kill',
    flatten: false,
    phase,
    startedAt: 0,
    finishedAt: phase === 'done' ? 9 : null,
    attempts,
  };
}

function status(kill: KillState | null): ControlStatus {
  return {
    control: { mode: 'HALTED', reason: 'manual kill', actor: 'user:ui@ws', at: 0 },
    kill,
    openOrders: 0,
    positions: 0,
    venues: ['binance'],
    durability: { latchDurable: true, pendingAuditRows: 0, problems: [] },
  };
}

describe("the cockpit's kill state", () => {
  it("takes each pass's pushed state, and never lets an older status answer put back an earlier pass", () => {
    const store = useKillStore.getState();
    store.setControl(status(pass(1, 'cancelling')));
    store.setKill(pass(2));
    expect(useKillStore.getState().control?.kill?.attempts).toBe(2);
    // A status asked for before pass 2 ended answers with pass 1: pass 2 stays.
    store.setControl(status(pass(1)));
    expect(useKillStore.getState().control?.kill?.attempts).toBe(2);
    store.setKill(pass(3, 'done'));
    store.setControl(status(pass(3)));
    expect(useKillStore.getState().control?.kill?.phase).toBe('done');
    // Re-armed, then a new kill: until its state arrives the last kill's is not taken for it.
    store.setControlState({ mode: 'RUNNING', reason: 'rearmed', actor: 'user:ui@ws', at: 10 });
    expect(useKillStore.getState().killFresh).toBe(true);
    store.setControlState({ mode: 'HALTED', reason: 'manual kill', actor: 'user:ui@ws', at: 20 });
    expect(useKillStore.getState().killFresh).toBe(false);
    // Another kill always replaces the last one.
    store.setControl(status({ ...pass(1, 'cancelling'), killId: 'k2' }));
    expect(useKillStore.getState().control?.kill).toMatchObject({ killId: 'k2', attempts: 1 });
    expect(useKillStore.getState().killFresh).toBe(true);
  });
});
