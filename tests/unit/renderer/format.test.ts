import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration } from '../../../src-renderer/format';

describe('time formats', () => {
  it('formats uptime with seconds', () => {
    expect(formatDuration(3_725_000)).toBe('1h 02m 05s');
    expect(formatDuration(65_000)).toBe('1m 05s');
  });

  it('formats ages with two units at most and no seconds', () => {
    expect(formatAge(59_999)).toBe('0m');
    expect(formatAge(40 * 60_000)).toBe('40m');
    expect(formatAge(3 * 3_600_000 + 15 * 60_000 + 59_000)).toBe('3h 15m');
    expect(formatAge(5 * 3_600_000)).toBe('5h');
    expect(formatAge(2 * 86_400_000 + 4 * 3_600_000 + 30 * 60_000)).toBe('2d 4h');
    expect(formatAge(3 * 86_400_000)).toBe('3d');
  });
});
