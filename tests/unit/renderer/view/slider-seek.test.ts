import { describe, expect, it } from 'vitest';
import { SliderSeek } from '../../../../src-renderer/view/slider-seek';

const HOUR = 3_600_000;

describe('the replay slider between a move and the engine’s answer', () => {
  it('keeps a key’s move when an earlier seek is answered between its change and its release', () => {
    // The order CI saw: press 1 sent, press 2 changed the slider, press 1 answered, press 2 released.
    const seek = new SliderSeek();
    seek.moved(1 * HOUR);
    expect(seek.released()).toBe(1 * HOUR);
    seek.moved(2 * HOUR);
    expect(seek.answered()).toBe(false);
    expect(seek.shown()).toBe(2 * HOUR);
    expect(seek.released()).toBe(2 * HOUR);
    expect(seek.answered()).toBe(true);
    expect(seek.shown()).toBeNull();
  });

  it('shows the last move until every seek sent is answered, then the engine’s position', () => {
    const seek = new SliderSeek();
    const sent: number[] = [];
    for (let i = 1; i <= 5; i += 1) {
      seek.moved(i * HOUR);
      const to = seek.released();
      if (to !== null) sent.push(to);
    }
    expect(sent).toEqual([1, 2, 3, 4, 5].map((h) => h * HOUR));
    for (let i = 1; i < 5; i += 1) {
      expect(seek.answered()).toBe(false);
      expect(seek.shown()).toBe(5 * HOUR);
    }
    expect(seek.answered()).toBe(true);
    expect(seek.shown()).toBeNull();
  });

  it('sends nothing for a release without a move (a key at the end of the range, a click)', () => {
    const seek = new SliderSeek();
    expect(seek.released()).toBeNull();
    seek.moved(HOUR);
    expect(seek.released()).toBe(HOUR);
    expect(seek.released()).toBeNull();
  });
});
