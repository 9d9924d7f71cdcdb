import type { Candle } from '../../../src-shared/domain/candle';
import { TIMEFRAME_MS, type Timeframe } from '../../../src-shared/domain/timeframes';
import type {
  FactorContribution,
  ScannerSignal,
  TierChange,
} from '../../../src-shared/contract/scanner';
import {
  ALL_FACTORS,
  DIRECTIONAL_FACTORS,
  RAW_FACTORS,
  type RawFactorTable,
} from './scoring/factors';
import {
  estimateCosts,
  evaluateGates,
  expectedValueBps,
  modulatorEffect,
  type ModulatorInputs,
} from './scoring/economics';
import { probabilityOf, type ProbabilityCoefficients } from './scoring/probability';
import type { ScannerConfig } from './scoring/scanner-config';
import { SeriesScorer, type FactorOutputs, type SeriesResult } from './scoring/series-scorer';
import { TierMachine } from './tiers/tier-machine';

/** One closed candle for one market and timeframe, as the scanner receives it. */
export interface ScannerCandle {
  readonly exchange: string;
  readonly symbol: string;
  /** Quote currency, for the order notional used by the impact estimate. */
  readonly quote: string;
  readonly timeframe: Timeframe;
  readonly candle: Candle;
  /** Feed clock when the candle is delivered; defaults to the bar's close (replay). */
  readonly feedNow?: number;
  /** Live spread when the feed has an order book; otherwise the configured assumption. */
  readonly spreadBps?: number;
  readonly modulators?: ModulatorInputs;
}

export interface ScanStep {
  /** The evaluation of the bar (null while its timeframe is still warming up). */
  readonly signal: ScannerSignal | null;
  readonly tierChange: TierChange | null;
}

interface MarketState {
  readonly series: Map<Timeframe, SeriesScorer>;
  readonly latest: Map<Timeframe, { closeTime: number; score: number } | null>;
  readonly tiers: Map<Timeframe, TierMachine>;
  /**
   * Per timeframe, the latest signal evaluated without its contributions, while its scorer's
   * factor outputs are still the ones it was computed from (until that series' next bar).
   */
  readonly unexplained: Map<Timeframe, ScannerSignal>;
  /** Per timeframe, the calibrated mapping the scanner may use (absent: the prior, uncalibrated). */
  readonly calibrated: Map<Timeframe, ProbabilityCoefficients>;
}

/**
 * Usable calibrations by market and timeframe, keyed `exchange\u0000symbol\u0000timeframe`
 * (signalKey): only those that beat the base rate out of sample with the current configuration.
 */
export type CalibrationTable = ReadonlyMap<string, ProbabilityCoefficients>;

/**
 * The scanner for a universe of markets: per market and timeframe a SeriesScorer and a
 * TierMachine, so every configured timeframe a market has data for is graded on its own bar
 * closes (a market with only 1h data gets 1h and 4h signals, not silence waiting for 15m),
 * with the longer timeframes supplying confluence from their latest closed bar. Pure and
 * deterministic: the same candles in the same order give the same signals, bit for bit.
 */
export class ScannerCore {
  private readonly markets = new Map<string, MarketState>();
  readonly timeframes: readonly Timeframe[];
  private readonly weights: readonly number[];
  private calibrations: CalibrationTable = new Map();

  /**
   * `config` must have passed validateScannerConfig: where a configuration enters (the worker
   * client before it starts the worker, scanFolder for the CLI) it is checked, so the worker
   * thread never loads zod (its start would take ~4x longer). `rawFactors` is injectable so
   * tests can make a factor throw; production uses RAW_FACTORS.
   */
  constructor(
    readonly config: ScannerConfig,
    private readonly rawFactors: RawFactorTable = RAW_FACTORS,
  ) {
    this.timeframes = [...config.timeframes].sort((a, b) => TIMEFRAME_MS[a] - TIMEFRAME_MS[b]);
    // Weight per factor in ALL_FACTORS order; 0 for the regime factors (they act via gates/P).
    this.weights = ALL_FACTORS.map((factor) =>
      (DIRECTIONAL_FACTORS as readonly string[]).includes(factor)
        ? config.weights[factor as (typeof DIRECTIONAL_FACTORS)[number]]
        : 0,
    );
  }

  /**
   * The calibrated mappings to use from the next bar on. A market and timeframe without one
   * keeps the configured prior, its signals say uncalibrated and cannot reach PRIME.
   */
  setCalibrations(table: CalibrationTable): void {
    this.calibrations = table;
    for (const [key, market] of this.markets) this.loadCalibrations(key, market.calibrated);
  }

  private loadCalibrations(marketKey: string, into: Map<Timeframe, ProbabilityCoefficients>): void {
    into.clear();
    for (const tf of this.timeframes) {
      const coefficients = this.calibrations.get(`${marketKey}\u0000${tf}`);
      if (coefficients !== undefined) into.set(tf, coefficients);
    }
  }

  get primary(): Timeframe {
    return this.timeframes[0] as Timeframe;
  }

  /**
   * Scans one closed candle. With `explain` false the signal comes without its factor
   * contributions (13 objects per bar that a board row, a tier and a tally never read): call
   * `explain(signal)` for them before that market's next bar on the same timeframe. The
   * worker and `vigil scan` evaluate lean and explain only what they publish or print.
   */
  onCandle(input: ScannerCandle, explain = true): ScanStep {
    if (!this.timeframes.includes(input.timeframe)) {
      throw new RangeError(
        `scanner: timeframe ${input.timeframe} is not configured (${this.timeframes.join(', ')})`,
      );
    }
    const market = this.market(input.exchange, input.symbol);
    const scorer = market.series.get(input.timeframe) as SeriesScorer;
    // The scorer's outputs are about to be overwritten: an older lean signal can no longer be explained.
    market.unexplained.delete(input.timeframe);
    const result = scorer.update(input.candle);
    market.latest.set(
      input.timeframe,
      result.kind === 'ready' ? { closeTime: result.closeTime, score: result.score } : null,
    );
    if (result.kind === 'warming') return { signal: null, tierChange: null };
    const { signal, thresholdShift } = this.evaluate(input, market, result, explain);
    const { probability, evBps } = signal;
    const tiers = market.tiers.get(input.timeframe) as TierMachine;
    const decision = tiers.evaluate(
      signal.tier === 'FAILED' || probability === null || evBps === null
        ? { kind: 'failed', at: signal.at, reason: signal.reason }
        : {
            kind: 'ok',
            at: signal.at,
            probability,
            calibrated: signal.calibrated,
            evBps,
            failedGates: signal.gates.filter((g) => !g.pass).map((g) => g.gate),
            thresholdShift,
          },
    );
    // The signal object is ours and fresh: settle its tier in place rather than copy it.
    const final: ScannerSignal = signal;
    if (signal.tier !== 'FAILED') final.reason = decision.reason;
    final.tier = decision.tier;
    const tierChange: TierChange | null = decision.changed
      ? {
          exchange: input.exchange,
          symbol: input.symbol,
          timeframe: input.timeframe,
          at: final.at,
          from: decision.from,
          to: decision.tier,
          probability: final.probability,
          evBps: final.evBps,
          reason: final.reason,
        }
      : null;
    return { signal: final, tierChange };
  }

  /**
   * The signal with its factor contributions: as it is when it has them (or is FAILED, which
   * has none), otherwise built in place from its scorer's outputs. Refused when that market
   * has had a later bar on the signal's timeframe: the outputs are gone, and no other figures
   * stand in for them.
   */
  explain(signal: ScannerSignal): ScannerSignal {
    if (signal.tier === 'FAILED' || signal.contributions.length > 0) return signal;
    const market = this.markets.get(`${signal.exchange}\u0000${signal.symbol}`);
    if (market === undefined || market.unexplained.get(signal.timeframe) !== signal) {
      throw new Error(
        `scanner: cannot explain ${signal.exchange} ${signal.symbol} ${signal.timeframe} at ${new Date(signal.at).toISOString()}: a later bar replaced its factor outputs`,
      );
    }
    const scorer = market.series.get(signal.timeframe) as SeriesScorer;
    signal.contributions = this.contributions(scorer.factorOutputs);
    market.unexplained.delete(signal.timeframe);
    return signal;
  }

  private contributions(outputs: FactorOutputs): FactorContribution[] {
    const { raw, value, z, clipped } = outputs;
    return ALL_FACTORS.map((factor, i) => {
      const weight = this.weights[i] as number;
      const v = value[i] as number;
      return {
        factor,
        raw: raw[i] as number,
        value: v,
        weight,
        contribution: (weight * v) / 100,
        z: z[i] as number,
        clipped: clipped[i] === 1,
      };
    });
  }

  private evaluate(
    input: ScannerCandle,
    market: MarketState,
    result: Exclude<SeriesResult, { kind: 'warming' }>,
    explain: boolean,
  ): { signal: ScannerSignal; thresholdShift: number } {
    const base = {
      exchange: input.exchange,
      symbol: input.symbol,
      timeframe: input.timeframe,
      at: result.closeTime,
    };
    if (result.kind === 'failed') return failedSignal(base, result.reason);
    const notional = this.config.costs.orderNotional[input.quote];
    if (notional === undefined)
      return failedSignal(base, `no order notional configured for quote ${input.quote}`);
    const score = result.score;
    const direction = score > 0 ? 'long' : score < 0 ? 'short' : 'flat';
    const confluence = this.confluence(market, input.timeframe, result.closeTime, score);
    let modulation;
    try {
      modulation = modulatorEffect(direction, input.modulators ?? {});
    } catch (error) {
      return failedSignal(base, `invalid modulator input: ${(error as Error).message}`);
    }
    const calibration = market.calibrated.get(input.timeframe);
    const probability =
      direction === 'flat'
        ? 0
        : probabilityOf(score, confluence, calibration ?? this.config.probability);
    const atr = result.snapshot.atr14 as number;
    const close = result.candle.close;
    const costs = estimateCosts(
      this.config,
      { atr, close, meanQuoteVolume: result.meanQuoteVolume, notional, spreadBps: input.spreadBps },
      modulation.extraCostBps,
    );
    const moveBps = this.config.costs.targetAtr * (atr / close) * 1e4;
    const evBps = expectedValueBps(probability, moveBps, costs.totalBps);
    const feedNow = input.feedNow ?? result.closeTime;
    const gates = evaluateGates(this.config, {
      presentShare: result.presentShare,
      stalenessBars: Math.max(0, feedNow - result.closeTime) / TIMEFRAME_MS[input.timeframe],
      spreadBps: costs.spreadBps,
      impactBps: costs.impactBps,
    });
    const contributions = explain ? this.contributions(result.factors) : [];
    const atrMultiple = this.config.costs.targetAtr;
    const sign = direction === 'long' ? 1 : direction === 'short' ? -1 : 0;
    const levels =
      sign === 0
        ? null
        : {
            close,
            atr,
            atrMultiple,
            stop: close - sign * atrMultiple * atr,
            target: close + sign * atrMultiple * atr,
          };
    const signal: ScannerSignal = {
      ...base,
      tier: 'IGNORE',
      direction,
      score,
      probability,
      calibrated: calibration !== undefined,
      evBps,
      costBps: costs.totalBps,
      confluence,
      gates,
      contributions,
      levels,
      reason: modulation.notes.join('; '),
    };
    if (!explain) market.unexplained.set(input.timeframe, signal);
    return { signal, thresholdShift: modulation.thresholdShift };
  }

  /** Mean over the timeframes longer than `timeframe` of their latest closed score, signed by our direction. */
  private confluence(
    market: MarketState,
    timeframe: Timeframe,
    now: number,
    score: number,
  ): number {
    const sign = Math.sign(score);
    let total = 0;
    let count = 0;
    for (const tf of this.timeframes.slice(this.timeframes.indexOf(timeframe) + 1)) {
      const latest = market.latest.get(tf);
      // Only the bar that closed most recently counts: older state is not "now".
      if (latest == null || latest.closeTime > now || now - latest.closeTime >= TIMEFRAME_MS[tf])
        continue;
      total += (sign * latest.score) / 100;
      count += 1;
    }
    return count === 0 ? 0 : total / count;
  }

  private market(exchange: string, symbol: string): MarketState {
    const key = `${exchange}\u0000${symbol}`;
    let state = this.markets.get(key);
    if (state === undefined) {
      state = {
        series: new Map(
          this.timeframes.map((tf) => [tf, new SeriesScorer(tf, this.config, this.rawFactors)]),
        ),
        latest: new Map(),
        tiers: new Map(this.timeframes.map((tf) => [tf, new TierMachine(this.config.tiers)])),
        unexplained: new Map(),
        calibrated: new Map(),
      };
      this.loadCalibrations(key, state.calibrated);
      this.markets.set(key, state);
    }
    return state;
  }
}

/** A FAILED signal: the reason, and no number standing in for what could not be computed. */
function failedSignal(
  base: Pick<ScannerSignal, 'exchange' | 'symbol' | 'timeframe' | 'at'>,
  reason: string,
): { signal: ScannerSignal; thresholdShift: number } {
  return {
    thresholdShift: 0,
    signal: {
      ...base,
      tier: 'FAILED',
      direction: 'flat',
      score: null,
      probability: null,
      calibrated: false,
      evBps: null,
      costBps: null,
      confluence: null,
      gates: [],
      contributions: [],
      levels: null,
      reason,
    },
  };
}
