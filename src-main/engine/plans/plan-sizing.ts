import { scaledFromNumber } from '../../../src-shared/domain/decimal';
import type { OrderSide } from '../../../src-shared/domain/order';
import type { RiskConfig } from '../../../src-shared/domain/risk-config';
import type { MarketSpec } from '../execution/broker';
import { MarketRules } from '../execution/market-rules';
import { sizePosition } from '../risk/position-sizing';

export interface PlanSizingInput {
  readonly side: OrderSide;
  readonly entryType: 'market' | 'limit';
  /** Limit price, or the mark a market entry is valued at (quote). */
  readonly entry: number;
  readonly stop: number;
  /** One to three take-profit prices. */
  readonly targets: readonly number[];
  /**
   * The signal's probability of the move, and whether it is calibrated. Calibrated, it is the
   * confidence and Kelly's win rate. Uncalibrated, it is not a win chance: the plan risks the
   * configured minimum, Kelly is not applied and no EV is claimed.
   */
  readonly probability: number;
  readonly calibrated: boolean;
  /** Expected slippage of one taker fill, bps of price. */
  readonly slippageBps: number;
  readonly market: MarketSpec;
  /** The book's equity, valued in this market's quote. */
  readonly equityQuote: number;
  readonly config: RiskConfig;
}

export interface PlanLeg {
  readonly price: string;
  readonly qty: string;
}

export interface PlanSizing {
  /** Prices on the market's tick grid. */
  readonly entry: string;
  readonly stop: string;
  readonly legs: readonly PlanLeg[];
  /** Total quantity on the step grid ('0' when it rounds away). */
  readonly qty: string;
  readonly rawQty: number;
  /** Loss at the stop with costs, reward at the targets after costs, EV: in quote. */
  readonly risk: number;
  readonly reward: number;
  /** Null when the probability is uncalibrated. */
  readonly ev: number | null;
  readonly rewardRisk: number;
  readonly confidenceRiskPct: number;
  readonly kellyPct: number | null;
  readonly riskPct: number;
  readonly lossPerUnit: number;
  readonly costPerUnit: number;
  /** Why this cannot be traded on the venue (a quantity under its limits), or null. */
  readonly refusal: string | null;
  /** Which limit refused it, as a stable name (null: none did). */
  readonly refusalRule: SizingRefusalRule | null;
}

/** What refused a plan's size: no edge, or one of the venue's quantity limits. */
export type SizingRefusalRule =
  'no-edge' | 'quantity-rounds-to-zero' | 'below-min-quantity' | 'below-min-notional';

/** Puts a price on the tick grid, rounding in the direction the caller names. */
function onTick(rules: MarketRules, value: number, round: 'up' | 'down', what: string): bigint {
  const scaled = scaledFromNumber(value, rules.priceScale, round === 'up' ? 'ceil' : 'floor', what);
  return rules.roundToTick(scaled, round);
}

function asNumber(rules: MarketRules, scaled: bigint): number {
  return Number(rules.priceText(scaled));
}

/**
 * Sizes a plan so a stop-out loses the configured risk of equity, costs included: risk %
 * scaled by the signal's confidence between the minimum and maximum risk, capped by fractional
 * Kelly from its probability and the plan's payoff after costs, then rounded down to the
 * market's step and checked against its minimum quantity and notional, target by target.
 * Pure: the same inputs give the same plan.
 */
export function sizePlan(input: PlanSizingInput): PlanSizing {
  const { side, market } = input;
  const rules = new MarketRules(market);
  const buy = side === 'buy';
  // The stop rounds away from the entry and the targets towards it: both err against us.
  const entryTicks = onTick(rules, input.entry, buy ? 'up' : 'down', 'entry');
  const stopTicks = onTick(rules, input.stop, buy ? 'down' : 'up', 'stop');
  const targetTicks = input.targets.map((t, i) =>
    onTick(rules, t, buy ? 'down' : 'up', `target ${i + 1}`),
  );
  const entry = asNumber(rules, entryTicks);
  const stop = asNumber(rules, stopTicks);
  const targets = targetTicks.map((t) => asNumber(rules, t));
  const dir = buy ? 1 : -1;
  if ((stop - entry) * dir >= 0)
    throw new RangeError(`stop ${stop} is not on the losing side of the ${side} entry ${entry}`);
  targets.forEach((t, i) => {
    if ((t - entry) * dir <= 0)
      throw new RangeError(
        `target ${i + 1} (${t}) is not on the winning side of the ${side} entry ${entry}`,
      );
  });

  const taker = Number(market.takerFee);
  const maker = Number(market.makerFee);
  const slip = input.slippageBps / 1e4;
  const marketEntry = input.entryType === 'market';
  // What entering costs per unit: its fee, and slippage when it takes liquidity.
  const entryCost = entry * (marketEntry ? taker + slip : maker);
  // The stop exits by a stop-market order: a taker fill with slippage.
  const stopCost = stop * (taker + slip);
  const costPerUnit = entryCost + stopCost;
  const lossPerUnit = Math.abs(entry - stop) + costPerUnit;
  // Take-profits rest as limit orders: maker fee, no slippage.
  const gains = targets.map((t) => Math.abs(t - entry) - entryCost - t * maker);
  const meanGain = gains.reduce((a, b) => a + b, 0) / gains.length;
  const base = { entry: rules.priceText(entryTicks), stop: rules.priceText(stopTicks) };

  const sized = sizePosition(
    {
      equity: input.equityQuote,
      entryPrice: entry,
      stopPrice: stop,
      // A coin flip's confidence earns the minimum risk.
      confidence: input.calibrated ? input.probability : 0.5,
      costPerUnit,
      ...(meanGain > 0 && input.calibrated
        ? { winRate: input.probability, payoff: meanGain / lossPerUnit }
        : {}),
    },
    input.config,
  );
  const confidenceRiskPct = input.calibrated
    ? confidenceRisk(input.probability, input.config)
    : input.config.minRiskPerTradePct;
  // Targets that do not pay their own costs have no edge: Kelly says zero.
  const kellyPct = meanGain > 0 ? sized.kellyPct : 0;
  const riskPct = meanGain > 0 ? sized.riskPct : 0;
  const rawQty = meanGain > 0 ? sized.qty : 0;

  const qtyScaled = rules.floorToStep(
    scaledFromNumber(rawQty, rules.qtyScale, 'floor', 'quantity'),
  );
  const legsScaled = splitLegs(rules, qtyScaled, targetTicks.length);
  const legs = legsScaled.map((q, i) => ({
    price: rules.priceText(targetTicks[i] as bigint),
    qty: rules.qtyText(q),
  }));
  const qty = Number(rules.qtyText(qtyScaled));
  const risk = qty * lossPerUnit;
  const reward = legsScaled.reduce(
    (sum, q, i) => sum + Number(rules.qtyText(q)) * (gains[i] as number),
    0,
  );
  const p = input.probability;
  return {
    ...base,
    legs,
    qty: rules.qtyText(qtyScaled),
    rawQty,
    risk,
    reward,
    ev: input.calibrated ? p * reward - (1 - p) * risk : null,
    rewardRisk: risk > 0 ? reward / risk : meanGain / lossPerUnit,
    confidenceRiskPct,
    kellyPct,
    riskPct,
    lossPerUnit,
    costPerUnit,
    ...(riskPct > 0 || meanGain <= 0
      ? venueRefusal(rules, meanGain, qtyScaled, legsScaled, entryTicks)
      : {
          refusal: `no edge: with P ${p.toFixed(3)} and reward:risk ${(meanGain / lossPerUnit).toFixed(2)}, Kelly sizes to zero`,
          refusalRule: 'no-edge' as const,
        }),
  };
}

/** The confidence-scaled risk % alone (sizePosition caps it by Kelly afterwards). */
function confidenceRisk(probability: number, config: RiskConfig): number {
  const t = Math.min(1, Math.max(0, (probability - 0.5) / 0.5));
  return config.minRiskPerTradePct + (config.riskPerTradePct - config.minRiskPerTradePct) * t;
}

/** Even split on the step grid; the last target takes what the rounding left. */
function splitLegs(rules: MarketRules, total: bigint, count: number): bigint[] {
  const each = rules.floorToStep(total / BigInt(count));
  const legs = Array.from({ length: count - 1 }, () => each);
  legs.push(total - each * BigInt(count - 1));
  return legs;
}

function venueRefusal(
  rules: MarketRules,
  meanGain: number,
  total: bigint,
  legs: readonly bigint[],
  entryTicks: bigint,
): Pick<PlanSizing, 'refusal' | 'refusalRule'> {
  const spec = rules.spec;
  const refused = (refusalRule: SizingRefusalRule, refusal: string) => ({ refusal, refusalRule });
  if (meanGain <= 0)
    return refused('no-edge', 'the targets do not cover the trade costs: no edge, no size');
  if (total === 0n)
    return refused(
      'quantity-rounds-to-zero',
      `the quantity rounds down to 0 at ${spec.symbol}'s step ${spec.stepSize}`,
    );
  for (const [i, q] of legs.entries()) {
    const which = legs.length === 1 ? 'the quantity' : `target ${i + 1}'s part`;
    if (q < rules.minQty)
      return refused(
        'below-min-quantity',
        `${which} ${rules.qtyText(q)} is below ${spec.symbol}'s minimum quantity ${spec.minQty}`,
      );
    const notional = rules.checkNotional(entryTicks, q);
    if (notional !== null)
      return refused(
        'below-min-notional',
        `${which} ${rules.qtyText(q)} at ${rules.priceText(entryTicks)} is below ${spec.symbol}'s minimum notional ${spec.minNotional}`,
      );
  }
  return { refusal: null, refusalRule: null };
}
