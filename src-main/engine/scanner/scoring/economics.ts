import type { Direction, GateResult } from '../../../../src-shared/contract/scanner';
import type { ScannerConfig } from './scanner-config';

/**
 * Modulators (funding, order-book imbalance) may make a trade costlier or its tiers harder to
 * reach; they never see or change the direction, only these non-negative adjustments.
 */
export interface ModulatorInputs {
  /** Funding rate per funding interval, in bps; positive = longs pay shorts. */
  readonly fundingBps?: number;
  /** Order-book imbalance in [-1, 1]; positive = more resting bids. */
  readonly orderImbalance?: number;
}

export interface ModulatorEffect {
  readonly extraCostBps: number;
  /** Added to the PRIME and WATCH entry thresholds. */
  readonly thresholdShift: number;
  readonly notes: readonly string[];
}

/** Worst-case imbalance against the signal raises entry thresholds by at most this. */
const MAX_IMBALANCE_SHIFT = 0.05;

export function modulatorEffect(direction: Direction, m: ModulatorInputs): ModulatorEffect {
  const notes: string[] = [];
  let extraCostBps = 0;
  let thresholdShift = 0;
  const side = direction === 'long' ? 1 : direction === 'short' ? -1 : 0;
  if (m.fundingBps !== undefined) {
    if (!Number.isFinite(m.fundingBps))
      throw new RangeError(`modulator funding is not finite (${m.fundingBps})`);
    // Paying funding adds cost; receiving it is not counted as edge (conservative).
    const paid = side * m.fundingBps;
    if (paid > 0) {
      extraCostBps += paid;
      notes.push(`funding costs ${paid.toFixed(2)} bps`);
    }
  }
  if (m.orderImbalance !== undefined) {
    const imbalance = m.orderImbalance;
    if (!Number.isFinite(imbalance) || imbalance < -1 || imbalance > 1) {
      throw new RangeError(`modulator orderImbalance must be in [-1, 1], got ${imbalance}`);
    }
    const against = -side * imbalance;
    if (against > 0) {
      thresholdShift += MAX_IMBALANCE_SHIFT * against;
      notes.push(
        `book imbalance against: thresholds +${(MAX_IMBALANCE_SHIFT * against).toFixed(3)}`,
      );
    }
  }
  return { extraCostBps, thresholdShift, notes };
}

export interface CostEstimate {
  readonly spreadBps: number;
  readonly impactBps: number;
  /** Round trip: two taker fees, the spread once, impact on entry and exit, plus modulators. */
  readonly totalBps: number;
}

/** Square-root impact with bar volatility: k * sigma_bar(bps) * sqrt(notional / bar quote volume). */
export function estimateCosts(
  config: ScannerConfig,
  input: {
    atr: number;
    close: number;
    meanQuoteVolume: number;
    notional: number;
    spreadBps?: number;
  },
  extraCostBps: number,
): CostEstimate {
  const volatilityBps = (input.atr / input.close) * 1e4;
  const impactBps =
    config.costs.impactCoefficient *
    volatilityBps *
    Math.sqrt(input.notional / input.meanQuoteVolume);
  const spreadBps = input.spreadBps ?? config.costs.assumedSpreadBps;
  const totalBps = 2 * config.costs.takerFeeBps + spreadBps + 2 * impactBps + extraCostBps;
  return { spreadBps, impactBps, totalBps };
}

/** EV in bps: win the target distance with P, lose the same distance otherwise, pay costs. */
export function expectedValueBps(probability: number, moveBps: number, costBps: number): number {
  return probability * moveBps - (1 - probability) * moveBps - costBps;
}

/** The numbers the execution gates judge a bar by. */
export interface GateInputs {
  readonly presentShare: number;
  readonly stalenessBars: number;
  readonly spreadBps: number;
  readonly impactBps: number;
}

/**
 * Each gate once, in the order a signal lists them: what it reads, its limit and its test.
 * evaluateGates reports them in full; failedGateNames answers the tier machine on every lean
 * bar without building the four reports.
 */
const GATES: ReadonlyArray<{
  readonly gate: GateResult['gate'];
  readonly unit: string;
  readonly value: (input: GateInputs) => number;
  readonly limit: (gates: ScannerConfig['gates']) => number;
  readonly atMost: boolean;
}> = [
  {
    gate: 'dataQuality',
    unit: 'share of bars present',
    value: (i) => i.presentShare,
    limit: (g) => g.minDataQuality,
    atMost: false,
  },
  {
    gate: 'staleness',
    unit: 'bars',
    value: (i) => i.stalenessBars,
    limit: (g) => g.maxStalenessBars,
    atMost: true,
  },
  {
    gate: 'spread',
    unit: 'bps',
    value: (i) => i.spreadBps,
    limit: (g) => g.maxSpreadBps,
    atMost: true,
  },
  {
    gate: 'impact',
    unit: 'bps',
    value: (i) => i.impactBps,
    limit: (g) => g.maxImpactBps,
    atMost: true,
  },
];

/** A lower bound passes at or above its limit; an upper bound at or below it. */
function passes(value: number, limit: number, atMost: boolean): boolean {
  return atMost ? value <= limit : value >= limit;
}

export function evaluateGates(config: ScannerConfig, input: GateInputs): GateResult[] {
  return GATES.map(({ gate, unit, value, limit, atMost }) => {
    const v = value(input);
    const l = limit(config.gates);
    return { gate, pass: passes(v, l, atMost), value: v, limit: l, unit };
  });
}

const NONE_FAILED: readonly GateResult['gate'][] = Object.freeze([]);

/** Names of the gates `input` fails, in evaluateGates' order; one shared empty list if none. */
export function failedGateNames(
  config: ScannerConfig,
  input: GateInputs,
): readonly GateResult['gate'][] {
  let failed: GateResult['gate'][] | null = null;
  for (const { gate, value, limit, atMost } of GATES)
    if (!passes(value(input), limit(config.gates), atMost)) (failed ??= []).push(gate);
  return failed ?? NONE_FAILED;
}
