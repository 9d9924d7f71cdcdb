import type { Candle } from '../../../../src-shared/domain/candle';
import { TIMEFRAME_MS, type Timeframe } from '../../../../src-shared/domain/timeframes';
import type { FactorName } from '../../../../src-shared/contract/scanner';
import {
  ALL_FACTORS,
  DIRECTIONAL_FACTORS,
  RAW_FACTORS,
  type FactorInputs,
  type RawFactorTable,
} from './factors';
import { FactorIndicators, type FactorSnapshot } from './factor-indicators';
import type { ScannerConfig } from './scanner-config';
import { StandardizationChain } from './standardization';

const VOLUME_WINDOW = 20;
const QUALITY_WINDOW = 100;

/**
 * Each factor's figures for the bar, in ALL_FACTORS order: raw value, standardized value in
 * [-100, 100], robust z and whether z was clipped. The arrays belong to the scorer and are
 * overwritten by its next update: read them before feeding it another candle (the scanner
 * turns them into the signal's contributions at once). Arrays, not an object per factor per
 * bar, because this runs for every bar of every market.
 */
export interface FactorOutputs {
  readonly raw: Float64Array;
  readonly value: Float64Array;
  readonly z: Float64Array;
  readonly clipped: Uint8Array;
}

export type SeriesResult =
  | {
      readonly kind: 'ready';
      readonly candle: Candle;
      readonly closeTime: number;
      /** This bar's indicators; rewritten by the scorer's next update but one. */
      readonly snapshot: FactorSnapshot;
      readonly factors: FactorOutputs;
      /** Weighted score of the directional factors, in [-100, 100]. */
      readonly score: number;
      readonly presentShare: number;
      readonly meanQuoteVolume: number;
    }
  | { readonly kind: 'warming'; readonly closeTime: number; readonly reason: string }
  | { readonly kind: 'failed'; readonly closeTime: number; readonly reason: string };

/**
 * Indicators, factors and their standardization chains for one symbol and timeframe. All
 * state lives here and persists across bars; each closed candle costs O(1) (plus fixed
 * 20/100-slot windows).
 */
export class SeriesScorer {
  private readonly indicators = new FactorIndicators();
  /** Per factor, in ALL_FACTORS order (arrays, not maps: this runs for every bar). */
  private readonly chains: StandardizationChain[];
  private readonly factorFns: Array<(inputs: FactorInputs) => number>;
  /** Weight of each directional factor, in DIRECTIONAL_FACTORS order. */
  private readonly weights: number[];
  private readonly obvs = new Float64Array(VOLUME_WINDOW);
  private readonly volumes = new Float64Array(VOLUME_WINDOW);
  private readonly quoteVolumes = new Float64Array(VOLUME_WINDOW);
  private readonly openTimes = new Float64Array(QUALITY_WINDOW);
  private bars = 0;
  private readonly timeframeMs: number;
  private readonly outputs: FactorOutputs = {
    raw: new Float64Array(ALL_FACTORS.length),
    value: new Float64Array(ALL_FACTORS.length),
    z: new Float64Array(ALL_FACTORS.length),
    clipped: new Uint8Array(ALL_FACTORS.length),
  };

  constructor(
    readonly timeframe: Timeframe,
    config: ScannerConfig,
    rawFactors: RawFactorTable = RAW_FACTORS,
  ) {
    this.timeframeMs = TIMEFRAME_MS[timeframe];
    this.chains = ALL_FACTORS.map(() => new StandardizationChain(config.standardization));
    this.factorFns = ALL_FACTORS.map((factor) => rawFactors[factor]);
    this.weights = DIRECTIONAL_FACTORS.map((factor) => config.weights[factor]);
  }

  /** The last ready bar's factor figures (see FactorOutputs: valid until the next update). */
  get factorOutputs(): FactorOutputs {
    return this.outputs;
  }

  update(candle: Candle): SeriesResult {
    const closeTime = candle.openTime + this.timeframeMs;
    let snapshot: FactorSnapshot;
    try {
      snapshot = this.indicators.update(candle);
    } catch (error) {
      return { kind: 'failed', closeTime, reason: `invalid input: ${(error as Error).message}` };
    }
    const slot = this.bars % VOLUME_WINDOW;
    const obvBack = this.bars >= VOLUME_WINDOW ? (this.obvs[slot] as number) : null;
    this.obvs[slot] = snapshot.obv ?? 0;
    this.volumes[slot] = candle.volume;
    this.quoteVolumes[slot] = candle.volume * candle.close;
    this.openTimes[this.bars % QUALITY_WINDOW] = candle.openTime;
    this.bars += 1;
    const previous = this.indicators.previous;

    const inputs: FactorInputs = {
      candle,
      now: snapshot,
      previous,
      obvBack,
      windowVolume: sum(this.volumes),
      meanQuoteVolume: sum(this.quoteVolumes) / VOLUME_WINDOW,
      presentShare: this.presentShare(candle.openTime),
    };
    const missing = warmingReason(snapshot, previous, obvBack);
    if (missing !== null) return { kind: 'warming', closeTime, reason: missing };

    const count = ALL_FACTORS.length;
    const { raw: raws, value, z, clipped } = this.outputs;
    for (let i = 0; i < count; i += 1) {
      let raw: number;
      try {
        raw = (this.factorFns[i] as (x: FactorInputs) => number)(inputs);
      } catch (error) {
        return { kind: 'failed', closeTime, reason: `factor ${(error as Error).message}` };
      }
      if (!Number.isFinite(raw)) {
        return {
          kind: 'failed',
          closeTime,
          reason: `factor ${ALL_FACTORS[i] as FactorName}: produced ${raw}`,
        };
      }
      raws[i] = raw;
    }
    let warming = false;
    for (let i = 0; i < count; i += 1) {
      const chain = this.chains[i] as StandardizationChain;
      if (!chain.step(raws[i] as number)) {
        warming = true;
        continue;
      }
      value[i] = chain.value;
      z[i] = chain.z;
      clipped[i] = chain.clipped ? 1 : 0;
    }
    if (warming) return { kind: 'warming', closeTime, reason: 'standardization chains seeding' };
    // ALL_FACTORS starts with the directional factors, in DIRECTIONAL_FACTORS order.
    let score = 0;
    for (let i = 0; i < this.weights.length; i += 1) {
      score += ((this.weights[i] as number) * (value[i] as number)) / 100;
    }
    return {
      kind: 'ready',
      candle,
      closeTime,
      snapshot,
      factors: this.outputs,
      score,
      presentShare: inputs.presentShare,
      meanQuoteVolume: inputs.meanQuoteVolume,
    };
  }

  private presentShare(lastOpen: number): number {
    const present = Math.min(this.bars, QUALITY_WINDOW);
    const oldest = this.openTimes[
      this.bars >= QUALITY_WINDOW ? this.bars % QUALITY_WINDOW : 0
    ] as number;
    const slots = Math.round((lastOpen - oldest) / this.timeframeMs) + 1;
    return present / slots;
  }
}

function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i += 1) total += values[i] as number;
  return total;
}

function warmingReason(
  now: FactorSnapshot,
  previous: FactorSnapshot | null,
  obvBack: number | null,
): string | null {
  if (now.macdHist === null) return 'MACD warming up';
  if (now.adx14 === null) return 'ADX warming up';
  if (now.atr14 === null || now.rsi14 === null || now.ema20 === null)
    return 'indicators warming up';
  if (previous?.donchianUpper == null) return 'Donchian warming up';
  if (obvBack === null) return 'volume window filling';
  return null;
}
