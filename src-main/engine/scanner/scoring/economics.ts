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

export function evaluateGates(
  config: ScannerConfig,
  input: { presentShare: number; stalenessBars: number; spreadBps: number; impactBps: number },
): GateResult[] {
  const g = config.gates;
  return [
    {
      gate: 'dataQuality',
      pass: input.presentShare >= g.minDataQuality,
      value: input.presentShare,
      limit: g.minDataQuality,
      unit: 'share of bars present',
    },
    {
      gate: 'staleness',
      pass: input.stalenessBars <= g.maxStalenessBars,
      value: input.stalenessBars,
      limit: g.maxStalenessBars,
      unit: 'bars',
    },
    {
      gate: 'spread',
      pass: input.spreadBps <= g.maxSpreadBps,
      value: input.spreadBps,
      limit: g.maxSpreadBps,
      unit: 'bps',
    },
    {
      gate: 'impact',
      pass: input.impactBps <= g.maxImpactBps,
      value: input.impactBps,
      limit: g.maxImpactBps,
      unit: 'bps',
    },
  ];
}
