/**
 * What the signal board and its detail panel show. The scanner's contract (issue-4) is mapped
 * onto this shape in state/signal-source.ts once it is merged; components depend only on this.
 */
export type Tier = 'PRIME' | 'WATCH' | 'IGNORE' | 'FAILED';

export const TIER_ORDER: Readonly<Record<Tier, number>> = {
  PRIME: 0,
  WATCH: 1,
  IGNORE: 2,
  FAILED: 3,
};

export interface FactorContribution {
  readonly name: string;
  /** Signed points of the weighted score this factor contributed. */
  readonly contribution: number;
}

export interface GateResult {
  readonly name: string;
  readonly passed: boolean;
  /** The measured value and the limit, as the engine reported them (e.g. "impact 4.1 bps <= 7"). */
  readonly detail: string;
}

export interface ThresholdView {
  readonly name: string;
  readonly value: number;
}

export interface SignalView {
  readonly symbol: string;
  readonly timeframe: string;
  readonly tier: Tier;
  /** Calibrated probability 0..1; null when the signal FAILED. */
  readonly probability: number | null;
  /** Expected value after costs, in bps; null when FAILED. */
  readonly evBps: number | null;
  /** Weighted score -100..100; null when FAILED. */
  readonly score: number | null;
  /** Epoch ms (feed clock) when the current tier was entered. */
  readonly tierSince: number;
  /** Epoch ms (feed clock) of this evaluation. */
  readonly at: number;
  readonly factors: readonly FactorContribution[];
  readonly gates: readonly GateResult[];
  readonly thresholds: readonly ThresholdView[];
  /** Why the signal FAILED; null otherwise. */
  readonly failedReason: string | null;
}
