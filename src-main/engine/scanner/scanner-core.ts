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
  failedGateNames,
  type GateInputs,
  modulatorEffect,
  type ModulatorEffect,
  type ModulatorInputs,
} from './scoring/economics';
import { probabilityOf, type ProbabilityCoefficients } from './scoring/probability';
import type { ScannerConfig } from './scoring/scanner-config';
import { SeriesScorer, type FactorOutputs, type SeriesResult } from './scoring/series-scorer';
import { TierMachine } from './tiers/tier-machine';
import { failedEvaluation, type Evaluation } from './failed-signal';

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

/**
 * One market's per-timeframe state, in arrays indexed like ScannerCore.timeframes: this is
 * read on every bar of every market, so no Map lookups and no object per bar for the latest
 * score.
 */
interface MarketState {
  readonly series: readonly SeriesScorer[];
  readonly tiers: readonly TierMachine[];
  /** Close time and score of each timeframe's latest ready bar (NaN: none, or it failed). */
  readonly latestClose: Float64Array;
  readonly latestScore: Float64Array;
  /**
   * Per timeframe, the latest signal evaluated without its contributions, while its scorer's
   * factor outputs are still the ones it was computed from (until that series' next bar).
   */
  readonly unexplained: Array<ScannerSignal | null>;
  /** Per timeframe, the calibrated mapping the scanner may use (null: the prior, uncalibrated). */
  readonly calibrated: Array<ProbabilityCoefficients | null>;
  /**
   * Per timeframe, GATE_INPUTS numbers: what the unexplained signal's gates judged (see
   * GateInputs), so its gate reports are built when it is explained, not on every bar.
   */
  readonly gateInputs: Float64Array;
}

/** Numbers per timeframe in MarketState.gateInputs. */
const GATE_INPUTS = 4;

/** No modulator inputs: nothing added, nothing noted (the common case, made once). */
const NO_MODULATION: ModulatorEffect = Object.freeze({
  extraCostBps: 0,
  thresholdShift: 0,
  notes: Object.freeze([]),
});

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
  /** By exchange, then symbol: two lookups on the strings the feed reuses, no key built per bar. */
  private readonly markets = new Map<string, Map<string, MarketState>>();
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
    for (const [exchange, venue] of this.markets) {
      for (const [symbol, market] of venue)
        this.loadCalibrations(exchange, symbol, market.calibrated);
    }
  }

  private loadCalibrations(
    exchange: string,
    symbol: string,
    into: Array<ProbabilityCoefficients | null>,
  ): void {
    this.timeframes.forEach((tf, i) => {
      into[i] = this.calibrations.get(`${exchange}\u0000${symbol}\u0000${tf}`) ?? null;
    });
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
    const tf = this.timeframes.indexOf(input.timeframe);
    if (tf < 0) {
      throw new RangeError(
        `scanner: timeframe ${input.timeframe} is not configured (${this.timeframes.join(', ')})`,
      );
    }
    const market = this.market(input.exchange, input.symbol);
    const scorer = market.series[tf] as SeriesScorer;
    // The scorer's outputs are about to be overwritten: an older lean signal can no longer be explained.
    market.unexplained[tf] = null;
    const result = scorer.update(input.candle);
    market.latestClose[tf] = result.kind === 'ready' ? result.closeTime : Number.NaN;
    market.latestScore[tf] = result.kind === 'ready' ? result.score : Number.NaN;
    if (result.kind === 'warming') return { signal: null, tierChange: null };
    const { signal, thresholdShift, failedGates } = this.evaluate(
      input,
      tf,
      market,
      result,
      explain,
    );
    const { probability, evBps } = signal;
    const tiers = market.tiers[tf] as TierMachine;
    const decision = tiers.evaluate(
      signal.tier === 'FAILED' || probability === null || evBps === null
        ? { kind: 'failed', at: signal.at, reason: signal.reason }
        : {
            kind: 'ok',
            at: signal.at,
            probability,
            calibrated: signal.calibrated,
            evBps,
            failedGates,
            thresholdShift,
          },
    );
    // The signal object is ours and fresh: settle its tier in place rather than copy it.
    const final: ScannerSignal = signal;
    if (signal.tier !== 'FAILED') final.reason = decision.reason;
    final.tier = decision.tier;
    final.tierSince = tiers.since;
    final.tierSinceKnown = tiers.sinceKnown;
    const tierChange: TierChange | null = decision.changed
      ? {
          exchange: input.exchange,
          symbol: input.symbol,
          timeframe: input.timeframe,
          at: final.at,
          from: decision.from,
          to: decision.tier,
          probability: final.probability,
          calibrated: final.calibrated,
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
    const tf = this.timeframes.indexOf(signal.timeframe);
    const market = this.markets.get(signal.exchange)?.get(signal.symbol);
    if (market === undefined || tf < 0 || market.unexplained[tf] !== signal) {
      throw new Error(
        `scanner: cannot explain ${signal.exchange} ${signal.symbol} ${signal.timeframe} at ${new Date(signal.at).toISOString()}: a later bar replaced its factor outputs`,
      );
    }
    const scorer = market.series[tf] as SeriesScorer;
    signal.contributions = this.contributions(scorer.factorOutputs);
    const g = market.gateInputs;
    const at = tf * GATE_INPUTS;
    signal.gates = evaluateGates(this.config, {
      presentShare: g[at] as number,
      stalenessBars: g[at + 1] as number,
      spreadBps: g[at + 2] as number,
      impactBps: g[at + 3] as number,
    });
    market.unexplained[tf] = null;
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
    tf: number,
    market: MarketState,
    result: Exclude<SeriesResult, { kind: 'warming' }>,
    explain: boolean,
  ): Evaluation {
    if (result.kind === 'failed') return failedEvaluation(input, result, result.reason);
    const notional = this.config.costs.orderNotional[input.quote];
    if (notional === undefined)
      return failedEvaluation(
        input,
        result,
        `no order notional configured for quote ${input.quote}`,
      );
    const score = result.score;
    const direction = score > 0 ? 'long' : score < 0 ? 'short' : 'flat';
    const confluence = this.confluence(market, tf, result.closeTime, score);
    let modulation = NO_MODULATION;
    if (input.modulators !== undefined) {
      try {
        modulation = modulatorEffect(direction, input.modulators);
      } catch (error) {
        return failedEvaluation(
          input,
          result,
          `invalid modulator input: ${(error as Error).message}`,
        );
      }
    }
    const calibration = market.calibrated[tf] ?? null;
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
    const gateInputs: GateInputs = {
      presentShare: result.presentShare,
      stalenessBars: Math.max(0, feedNow - result.closeTime) / TIMEFRAME_MS[input.timeframe],
      spreadBps: costs.spreadBps,
      impactBps: costs.impactBps,
    };
    // Lean: the tier machine needs only the names of failed gates (none, on most bars); the
    // four gate reports are built with the contributions, when the signal is explained.
    const gates = explain ? evaluateGates(this.config, gateInputs) : [];
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
    // Written out, not spread from a base object: one object per bar instead of two, built
    // in one shape (the field order is the signal's JSON order).
    const signal: ScannerSignal = {
      exchange: input.exchange,
      symbol: input.symbol,
      timeframe: input.timeframe,
      at: result.closeTime,
      // The tier and its start are settled by the tier machine once this bar is graded.
      tier: 'IGNORE',
      tierSince: result.closeTime,
      tierSinceKnown: false,
      direction,
      score,
      probability,
      calibrated: calibration !== null,
      evBps,
      costBps: costs.totalBps,
      confluence,
      gates,
      contributions,
      levels,
      reason: modulation.notes.join('; '),
    };
    if (!explain) {
      market.unexplained[tf] = signal;
      const at = tf * GATE_INPUTS;
      market.gateInputs[at] = gateInputs.presentShare;
      market.gateInputs[at + 1] = gateInputs.stalenessBars;
      market.gateInputs[at + 2] = gateInputs.spreadBps;
      market.gateInputs[at + 3] = gateInputs.impactBps;
    }
    return {
      signal,
      thresholdShift: modulation.thresholdShift,
      failedGates: failedGateNames(this.config, gateInputs),
    };
  }

  /** Mean over the timeframes longer than timeframes[tf] of their latest closed score, signed by our direction. */
  private confluence(market: MarketState, tf: number, now: number, score: number): number {
    const sign = Math.sign(score);
    let total = 0;
    let count = 0;
    for (let longer = tf + 1; longer < this.timeframes.length; longer += 1) {
      const closeTime = market.latestClose[longer] as number;
      // Only the bar that closed most recently counts: older state is not "now" (NaN: none).
      if (
        Number.isNaN(closeTime) ||
        closeTime > now ||
        now - closeTime >= TIMEFRAME_MS[this.timeframes[longer] as Timeframe]
      )
        continue;
      total += (sign * (market.latestScore[longer] as number)) / 100;
      count += 1;
    }
    return count === 0 ? 0 : total / count;
  }

  private market(exchange: string, symbol: string): MarketState {
    let venue = this.markets.get(exchange);
    if (venue === undefined) {
      venue = new Map();
      this.markets.set(exchange, venue);
    }
    let state = venue.get(symbol);
    if (state === undefined) {
      const count = this.timeframes.length;
      state = {
        series: this.timeframes.map((tf) => new SeriesScorer(tf, this.config, this.rawFactors)),
        tiers: this.timeframes.map(() => new TierMachine(this.config.tiers)),
        latestClose: new Float64Array(count).fill(Number.NaN),
        latestScore: new Float64Array(count).fill(Number.NaN),
        unexplained: new Array<ScannerSignal | null>(count).fill(null),
        calibrated: new Array<ProbabilityCoefficients | null>(count).fill(null),
        gateInputs: new Float64Array(count * GATE_INPUTS),
      };
      this.loadCalibrations(exchange, symbol, state.calibrated);
      venue.set(symbol, state);
    }
    return state;
  }
}
