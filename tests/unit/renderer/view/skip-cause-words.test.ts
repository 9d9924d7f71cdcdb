import { describe, expect, it } from 'vitest';
import { skipCauseWords } from '../../../../src-renderer/view/skip-cause-words';

describe("the autopilot's skip causes in words", () => {
  it('names each cause, a plan refusal by its rule, a risk rule by its label', () => {
    expect(skipCauseWords('refused-at-send')).toBe('refused at send');
    expect(skipCauseWords('daily-cap')).toBe('daily cap reached');
    expect(skipCauseWords('plan:below-min-notional')).toBe('under the minimum notional');
    expect(skipCauseWords('plan:opposite-position')).toBe('an opposite position is held');
    expect(skipCauseWords('plan:risk:risk-per-trade')).toBe('refused by Risk per trade');
    // A cause this cockpit does not know yet still reads, by its name.
    expect(skipCauseWords('plan:new-limit')).toBe('plan refused (new-limit)');
    expect(skipCauseWords('something-new')).toBe('something-new');
  });
});
