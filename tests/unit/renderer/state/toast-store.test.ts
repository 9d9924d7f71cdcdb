import { describe, expect, it } from 'vitest';
import {
  createToastStore,
  MAX_TOASTS,
  type Timer,
} from '../../../../src-renderer/state/toast-store';

/** A timer the test advances itself: no sleeps, no wall clock. */
function manualTimer(): { timer: Timer; advance(ms: number): void } {
  let now = 0;
  let pending: { at: number; run: () => void; live: boolean }[] = [];
  return {
    timer: (run, ms) => {
      const entry = { at: now + ms, run, live: true };
      pending.push(entry);
      return () => {
        entry.live = false;
      };
    },
    advance: (ms) => {
      now += ms;
      const due = pending.filter((t) => t.live && t.at <= now);
      pending = pending.filter((t) => !due.includes(t));
      for (const t of due) t.run();
    },
  };
}

describe('toasts', () => {
  it('info, fill, prime and rejection toasts dismiss themselves; errors and halts stay', () => {
    const clock = manualTimer();
    const store = createToastStore(clock.timer);
    store.getState().push('info', 'Risk config saved', 'softDrawdownPct');
    store.getState().push('error', 'Cancel failed', 'venue down');
    store.getState().push('halt', 'HALTED', 'kill switch');
    store.getState().push('fill', 'Filled BUY 0.01 BTC/USDT', 'at 8,606.93');
    clock.advance(4999);
    expect(store.getState().toasts.map((t) => t.kind)).toEqual(['fill', 'halt', 'error', 'info']);
    clock.advance(1);
    expect(store.getState().toasts.map((t) => t.kind)).toEqual(['fill', 'halt', 'error']);
    clock.advance(60_000);
    expect(store.getState().toasts.map((t) => t.kind)).toEqual(['halt', 'error']);
    store.getState().dismissKind('halt');
    expect(store.getState().toasts.map((t) => t.kind)).toEqual(['error']);
  });

  it('collapses a repeat into one toast with a count, whose time starts again', () => {
    const clock = manualTimer();
    const store = createToastStore(clock.timer);
    for (let i = 0; i < 5; i += 1) {
      store.getState().push('rejection', 'Refused: Trading mode', 'HALTED');
      clock.advance(4000);
    }
    const [only, ...rest] = store.getState().toasts;
    expect(rest).toEqual([]);
    expect(only?.count).toBe(5);
    // Ten seconds after the last repeat, not after the first.
    clock.advance(5999);
    expect(store.getState().toasts).toHaveLength(1);
    clock.advance(1);
    expect(store.getState().toasts).toHaveLength(0);
  });

  it('keeps at most a few on screen, newest first', () => {
    const store = createToastStore(manualTimer().timer);
    for (let i = 0; i < MAX_TOASTS + 3; i += 1) store.getState().push('fill', `Filled ${i}`, '');
    const titles = store.getState().toasts.map((t) => t.title);
    expect(titles).toHaveLength(MAX_TOASTS);
    expect(titles[0]).toBe(`Filled ${MAX_TOASTS + 2}`);
  });
});
