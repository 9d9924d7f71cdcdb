import { describe, expect, it } from 'vitest';
import type { SignalView, Tier } from '../../../../src-renderer/view/signal-view';
import {
  filterSignals,
  neighbourSignal,
  sortSignals,
} from '../../../../src-renderer/view/sort-signals';

// Synthetic board rows: ordering rules need chosen tiers and probabilities, not market data.
function row(symbol: string, tier: Tier, probability: number | null): SignalView {
  return {
    key: `x:${symbol}|1h`,
    instrument: `x:${symbol}`,
    exchange: 'x',
    symbol,
    timeframe: '1h',
    direction: 'long',
    tier,
    probability,
    calibrated: tier === 'PRIME',
    evBps: null,
    score: null,
    tierSince: 0,
    tierSinceKnown: false,
    at: 0,
    reason: '',
  };
}

const board = [
  row('AAA', 'IGNORE', 0.9),
  row('BBB', 'PRIME', 0.81),
  row('CCC', 'FAILED', null),
  row('DDD', 'WATCH', 0.55),
  row('EEE', 'PRIME', 0.93),
  row('FFF', 'WATCH', 0.61),
];

describe('signal board order', () => {
  it('sorts by tier first, then probability high to low', () => {
    expect(sortSignals(board).map((s) => s.symbol)).toEqual([
      'EEE',
      'BBB',
      'FFF',
      'DDD',
      'AAA',
      'CCC',
    ]);
  });

  it('filters by symbol text or exact tier name, case-insensitively', () => {
    expect(filterSignals(board, 'ee').map((s) => s.symbol)).toEqual(['EEE']);
    expect(filterSignals(board, 'prime').map((s) => s.symbol)).toEqual(['BBB', 'EEE']);
    expect(filterSignals(board, '  ')).toHaveLength(board.length);
  });

  it('steps to the next and previous row, wrapping, starting at an end when nothing is selected', () => {
    const ordered = sortSignals(board);
    expect(neighbourSignal(ordered, null, 1)?.symbol).toBe('EEE');
    expect(neighbourSignal(ordered, null, -1)?.symbol).toBe('CCC');
    expect(neighbourSignal(ordered, 'x:EEE|1h', 1)?.symbol).toBe('BBB');
    expect(neighbourSignal(ordered, 'x:CCC|1h', 1)?.symbol).toBe('EEE');
    expect(neighbourSignal(ordered, 'x:EEE|1h', -1)?.symbol).toBe('CCC');
    expect(neighbourSignal([], null, 1)).toBeNull();
  });
});
