import { beforeEach, describe, expect, it } from 'vitest';
import { useMarketStore } from '../../../../src-renderer/state/market-store';

// Replay states of the shape the engine sends (bounds and positions on its hour grid).
const START = Date.parse('2018-05-11T00:00:00Z');
const END = Date.parse('2018-06-10T00:00:00Z');
const HOUR = 3_600_000;
const state = (epoch: number, now: number) => ({
  playing: false,
  speed: '60x' as const,
  now,
  finished: false,
  start: START,
  end: END,
  epoch,
});

describe('market store: the replay state', () => {
  beforeEach(() => useMarketStore.getState().resetSeries());

  it('keeps the newest epoch: an answer overtaken by a later seek does not move the slider back', () => {
    const store = useMarketStore.getState();
    store.setReplay(state(3, START + 5 * HOUR));
    store.setReplay(state(2, START + 4 * HOUR)); // late: sent before the seek of epoch 3
    expect(useMarketStore.getState().replay).toMatchObject({ epoch: 3, now: START + 5 * HOUR });
    store.setReplay(state(3, START + 6 * HOUR)); // the same epoch moves on (a step, playing)
    expect(useMarketStore.getState().replay?.now).toBe(START + 6 * HOUR);
  });

  it('after forgetReplay (a new connection, maybe a restarted engine) epoch 0 counts again', () => {
    const store = useMarketStore.getState();
    store.setReplay(state(7, START + 9 * HOUR));
    store.forgetReplay();
    store.setReplay(state(0, START));
    expect(useMarketStore.getState().replay).toMatchObject({ epoch: 0, now: START });
  });
});
