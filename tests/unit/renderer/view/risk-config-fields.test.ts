import { describe, expect, it } from 'vitest';
import { defaultRiskConfig } from '../../../../src-shared/domain/risk-config';
import { fieldText } from '../../../../src-renderer/view/config-draft';
import {
  riskIssueText,
  checkDraft,
  RISK_FIELDS,
} from '../../../../src-renderer/view/risk-config-fields';

const config = defaultRiskConfig('Europe/Berlin');

describe('risk config editor draft', () => {
  it('every field addresses a real config key', () => {
    for (const field of RISK_FIELDS) expect(fieldText(config, field.key)).not.toBe('');
  });

  it('an unchanged draft sends nothing and has no errors', () => {
    expect(checkDraft(config, { maxLeverage: '3' })).toEqual({ changes: {}, errors: {} });
  });

  it('a valid edit becomes a typed change by dotted key', () => {
    expect(checkDraft(config, { maxLeverage: '2', 'panic.staleQuoteMs': '45000' })).toEqual({
      changes: { maxLeverage: 2, 'panic.staleQuoteMs': 45_000 },
      errors: {},
    });
  });

  it('names the field for a non-number, an out-of-range value and a cross-field rule', () => {
    const { errors } = checkDraft(config, {
      maxLeverage: '25',
      dailyLossPct: 'abc',
      softDrawdownPct: '12',
    });
    expect(errors['dailyLossPct']).toBe('must be a number, got "abc"');
    expect(errors['maxLeverage']).toMatch(/10/);
    expect(errors['softDrawdownPct']).toBe('must be below maxDrawdownPct (10), got 12');
  });

  it('rejects an unknown time zone on its field', () => {
    expect(checkDraft(config, { timeZone: 'Mars/Olympus' }).errors['timeZone']).toBe(
      'is not a known IANA time zone',
    );
  });
});

describe("risk messages in the panel's words", () => {
  it('names fields by their labels and reads schema bounds as sentences', () => {
    const config = defaultRiskConfig('UTC');
    const soft = checkDraft(config, { softDrawdownPct: '12' }).errors['softDrawdownPct'] ?? '';
    expect(riskIssueText(soft)).toBe('must be below Max drawdown (halt) (10), got 12');
    const lev = checkDraft(config, { maxLeverage: '25' }).errors['maxLeverage'] ?? '';
    expect(riskIssueText(lev)).toBe('must be at most 10');
    expect(riskIssueText('riskPerTradePct: must not exceed dailyLossPct (2), got 3')).toBe(
      'Risk per trade (max): must not exceed Daily loss limit (2), got 3',
    );
  });
});
