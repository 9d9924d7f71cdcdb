import type { Tier } from '../../src-shared/contract/scanner';

export type { Tier } from '../../src-shared/contract/scanner';

/**
 * What the signal board and its detail panel show, mapped from the scanner's contract in
 * view/map-signal.ts; components depend only on this shape.
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
  readonly timeframe: string;
  readonly direction: 'long' | 'short' | 'flat';
  readonly tier: Tier;
  /** Calibrated probability 0..1; null when the signal FAILED. */
  readonly probability: number | null;
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
  readonly factors: readonly FactorContribution[];
  readonly gates: readonly GateResult[];
  readonly thresholds: readonly ThresholdView[];
  /** The scanner's own explanation of the tier (the failure reason when FAILED). */
  readonly reason: string;
}
