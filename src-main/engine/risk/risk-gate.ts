import type { RuleReport } from '../../../src-shared/contract/plans';
import { isReducing } from './exposure';
import { controlModeRule } from './rules/control-mode-rule';
import { dailyLossRule } from './rules/daily-loss-rule';
import { leverageRule } from './rules/leverage-rule';
import { lossCooldownRule } from './rules/loss-cooldown-rule';
import { maxDrawdownRule } from './rules/max-drawdown-rule';
import { maxPositionsRule } from './rules/max-positions-rule';
import { minNotionalRule } from './rules/min-notional-rule';
import { portfolioHeatRule } from './rules/portfolio-heat-rule';
import { riskPerTradeRule } from './rules/risk-per-trade-rule';
import { symbolShareRule } from './rules/symbol-share-rule';
import {
  APPROVE,
  reject,
  type OrderCandidate,
  type RiskContext,
  type RiskRule,
  type RuleVerdict,
} from './risk-types';

/** Every rule, in the order they are asked. The control mode always comes first. */
export const DEFAULT_RULES: readonly RiskRule[] = [
  controlModeRule,
  dailyLossRule,
  maxDrawdownRule,
  lossCooldownRule,
  minNotionalRule,
  riskPerTradeRule,
  maxPositionsRule,
  symbolShareRule,
  portfolioHeatRule,
  leverageRule,
];

function finitePositive(value: number | undefined): boolean {
  return value !== undefined && Number.isFinite(value) && value > 0;
}

/** Bad numbers are refused, never judged: a NaN price would pass every `<=` comparison. */
function checkInputs(order: OrderCandidate, ctx: RiskContext): RuleVerdict {
  const bad = (what: string, value: number): RuleVerdict =>
    reject('input', `${what} must be a finite number > 0, got ${value}`, {});
  if (!finitePositive(order.qty)) return bad('order.qty', order.qty);
  if (!finitePositive(order.price)) return bad('order.price', order.price);
  if (order.stopPrice !== undefined && !finitePositive(order.stopPrice))
    return bad('order.stopPrice', order.stopPrice);
  if (!finitePositive(ctx.equity)) return bad('equity', ctx.equity);
  if (!finitePositive(ctx.startOfDayEquity)) return bad('startOfDayEquity', ctx.startOfDayEquity);
  if (!finitePositive(ctx.peakEquity)) return bad('peakEquity', ctx.peakEquity);
  for (const e of ctx.positions) {
    if (!Number.isFinite(e.qty)) return bad(`position ${e.symbol} qty`, e.qty);
    if (!finitePositive(e.mark)) return bad(`position ${e.symbol} mark`, e.mark);
  }
  for (const e of ctx.workingEntries) {
    if (!Number.isFinite(e.qty)) return bad(`working ${e.symbol} qty`, e.qty);
    if (!finitePositive(e.mark)) return bad(`working ${e.symbol} mark`, e.mark);
  }
  return APPROVE;
}

/**
 * The gate's dry run: every rule's verdict on the order (not only the first refusal), from the
 * same rules and the same context `checkOrder` uses, so a plan shows exactly what the gate
 * will decide. Rules the gate skips for a reducing order are left out here too.
 */
export function evaluateOrder(
  order: OrderCandidate,
  ctx: RiskContext,
  rules: readonly RiskRule[] = DEFAULT_RULES,
): RuleReport[] {
  const inputs = checkInputs(order, ctx);
  if (!inputs.ok) return [toReport('input', inputs)];
  const reducing = isReducing(order, ctx.positions);
  const reports: RuleReport[] = [];
  for (const rule of rules) {
    if (reducing && rule.entriesOnly) continue;
    reports.push(toReport(rule.name, rule.check(order, ctx, reducing)));
  }
  return reports;
}

function toReport(name: string, verdict: RuleVerdict): RuleReport {
  return verdict.ok
    ? { rule: name, ok: true, reason: null, numbers: {} }
    : { rule: verdict.rule, ok: false, reason: verdict.reason, numbers: { ...verdict.numbers } };
}

/**
 * The risk gate: one pass over small rules, first rejection wins. Pure and synchronous — the
 * executor calls it on the order path, so it must not allocate much nor ever await.
 */
export function checkOrder(
  order: OrderCandidate,
  ctx: RiskContext,
  rules: readonly RiskRule[] = DEFAULT_RULES,
): RuleVerdict {
  const inputs = checkInputs(order, ctx);
  if (!inputs.ok) return inputs;
  const reducing = isReducing(order, ctx.positions);
  for (const rule of rules) {
    if (reducing && rule.entriesOnly) continue;
    const verdict = rule.check(order, ctx, reducing);
    if (!verdict.ok) return verdict;
  }
  return APPROVE;
}
