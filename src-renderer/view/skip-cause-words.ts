import { ruleLabel } from '../../src-shared/domain/actor-words';

/** A plan's refusal rule (TradePlan.refusalRule) in words. */
const PLAN_RULE_WORDS: Readonly<Record<string, string>> = {
  'opposite-position': 'an opposite position is held',
  'no-edge': 'no edge after costs',
  'quantity-rounds-to-zero': 'the size rounds to zero',
  'below-min-quantity': 'under the minimum quantity',
  'below-min-notional': 'under the minimum notional',
  unrecorded: 'plan refused',
};

const CAUSE_WORDS: Readonly<Record<string, string>> = {
  'daily-cap': 'daily cap reached',
  'already-in-market': 'already in the market',
  'switched-off-meanwhile': 'switched off meanwhile',
  'refused-at-send': 'refused at send',
};

/**
 * Why the autopilot did not send a plan (a backtest's `skipped[].why`), in a few words: the
 * count's heading, next to which the first such case's own reason is shown. An unknown cause
 * keeps its name, so a new one still reads, if plainly.
 */
export function skipCauseWords(why: string): string {
  if (why.startsWith('plan:')) {
    const rule = why.slice('plan:'.length);
    if (rule.startsWith('risk:')) return `refused by ${ruleLabel(rule.slice('risk:'.length))}`;
    return PLAN_RULE_WORDS[rule] ?? `plan refused (${rule})`;
  }
  return CAUSE_WORDS[why] ?? why;
}
