import { describe, expect, it } from 'vitest';
import {
  startClockJumpDetector,
  type ClockJump,
} from '../../../../src-main/engine/power/clock-jump-detector';
import { LaptopClock } from '../../../support/laptop-clock';

function detector(clock: LaptopClock): { jumps: ClockJump[]; checkNow: () => void } {
  const jumps: ClockJump[] = [];
  const d = startClockJumpDetector({
    wall: clock.wall,
    mono: clock,
    scheduler: clock,
    intervalMs: 5_000,
    thresholdMs: () => 30_000,
    onJump: (j) => jumps.push(j),
  });
  return { jumps, checkNow: d.checkNow };
}

describe('clock jump detector', () => {
  it('stays quiet while both clocks run together, for days', () => {
    const clock = new LaptopClock(Date.UTC(2026, 0, 5));
    const { jumps } = detector(clock);
    clock.advance(3 * 86_400_000);
    expect(jumps).toEqual([]);
  });

  it('reports a suspend once, with its length, at the first tick after the wake', () => {
    const clock = new LaptopClock(Date.UTC(2026, 0, 5));
    const { jumps } = detector(clock);
    clock.advance(12_000);
    clock.sleep(2 * 3_600_000);
    expect(jumps).toEqual([]);
    clock.advance(3_000); // the tick due at 15 s
    expect(jumps).toEqual([{ wallMs: 7_205_000, monoMs: 5_000, sleptMs: 7_200_000 }]);
    clock.advance(60_000);
    expect(jumps).toHaveLength(1);
  });

  it('ignores a jump within the threshold, and sees one between ticks when asked', () => {
    const clock = new LaptopClock(Date.UTC(2026, 0, 5));
    const { jumps, checkNow } = detector(clock);
    clock.sleep(29_000);
    clock.advance(5_000);
    expect(jumps).toEqual([]);
    clock.sleep(600_000);
    checkNow();
    expect(jumps).toMatchObject([{ sleptMs: 600_000 }]);
    clock.advance(5_000); // the next tick does not report the same sleep again
    expect(jumps).toHaveLength(1);
  });

  it('reports a wall clock set backwards', () => {
    const clock = new LaptopClock(Date.UTC(2026, 0, 5));
    const { jumps } = detector(clock);
    clock.sleep(-3_600_000);
    clock.advance(5_000);
    expect(jumps).toMatchObject([{ wallMs: -3_595_000, monoMs: 5_000 }]);
  });
});
