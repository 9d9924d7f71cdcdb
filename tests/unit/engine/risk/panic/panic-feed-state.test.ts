import { describe, expect, it } from 'vitest';
import { defaultRiskConfig } from '../../../../../src-shared/domain/risk-config';
import { PanicMonitor } from '../../../../../src-main/engine/risk/panic/panic-monitor';
import type { PanicAlarm } from '../../../../../src-main/engine/risk/panic/panic-types';

describe('panic on the market feed state', () => {
  const monitor = (): { panic: PanicMonitor; halts: PanicAlarm[] } => {
    const halts: PanicAlarm[] = [];
    return {
      panic: new PanicMonitor(
        () => defaultRiskConfig('UTC'),
        (a) => halts.push(a),
      ),
      halts,
    };
  };

  it('halts when the feed goes STALE or DOWN with positions open', () => {
    const { panic, halts } = monitor();
    panic.feedState('STALE', 'no update for 90 s', 2);
    panic.feedState('DOWN', 'connection lost', 1);
    expect(halts.map((h) => [h.detector, h.reason])).toEqual([
      ['stale-quotes', 'market feed STALE (no update for 90 s) with 2 open position(s)'],
      ['stale-quotes', 'market feed DOWN (connection lost) with 1 open position(s)'],
    ]);
  });

  it('does not halt when the replay ENDED with positions open: no price comes by design', () => {
    const { panic, halts } = monitor();
    expect(panic.feedState('ENDED', 'replay finished at 2018-06-18T21:00:00.000Z', 2)).toBeNull();
    expect(halts).toEqual([]);
  });

  it('does not halt while flat, or while the feed is healthy', () => {
    const { panic, halts } = monitor();
    expect(panic.feedState('DOWN', 'replay finished', 0)).toBeNull();
    expect(panic.feedState('LIVE', 'streaming', 3)).toBeNull();
    expect(panic.feedState('CONNECTING', 'reconnecting', 3)).toBeNull();
    expect(halts).toEqual([]);
  });
});
