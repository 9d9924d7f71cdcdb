import type { Tier } from '../../src-shared/contract/scanner';
import type { Timeframe } from '../../src-shared/domain/candle';

export type { Tier } from '../../src-shared/contract/scanner';

/**
 * What the signal board and its detail panel show, mapped from the scanner's contract in
 * view/map-signal.ts; components depend only on these shapes.
 */

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
  /** Board row key: instrument and timeframe ("binance:BTC/USDT|1h"). */
  readonly key: string;
  /** Instrument id ("binance:BTC/USDT"), what selecting the row charts. */
  readonly instrument: string;
  readonly exchange: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly direction: 'long' | 'short' | 'flat';
  readonly tier: Tier;
  /** Probability 0..1 of the target before the stop; null when the signal FAILED. */
  readonly probability: number | null;
  /**
   * Whether that probability is calibrated (a win chance that beat the base rate out of
   * sample). False: the prior mapping of the score, shown with "uncalibrated".
   */
  readonly calibrated: boolean;
  /** Expected value after costs, in bps; null when FAILED. */
  readonly evBps: number | null;
  /** Weighted score -100..100; null when FAILED. */
  readonly score: number | null;
  /** Epoch ms (feed clock) when the current tier was entered, or first seen in it. */
  readonly tierSince: number;
  /** False when the tier change happened before this window connected: "at least" this long. */
  readonly tierSinceKnown: boolean;
  /** Epoch ms (feed clock) of this evaluation. */
  readonly at: number;
  /** The scanner's own explanation of the tier (the failure reason when FAILED). */
  readonly reason: string;
}

/** Why a row has its tier: fetched for the row the trader selects (explainSignal). */
export interface SignalExplanationView {
  /** The board row key it explains. */
  readonly key: string;
  /** Epoch ms (feed clock) of the evaluation explained. */
  readonly at: number;
  readonly factors: readonly FactorContribution[];
  readonly gates: readonly GateResult[];
  readonly thresholds: readonly ThresholdView[];
}
