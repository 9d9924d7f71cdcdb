import type { ScannerSignal } from '../../../src-shared/contract/scanner';

type SignalBase = Pick<ScannerSignal, 'exchange' | 'symbol' | 'timeframe' | 'at'>;

/** The fields a signal names its market and bar by, for a FAILED one. */
function baseOf(
  input: Pick<ScannerSignal, 'exchange' | 'symbol' | 'timeframe'>,
  result: { readonly closeTime: number },
): SignalBase {
  return {
    exchange: input.exchange,
    symbol: input.symbol,
    timeframe: input.timeframe,
    at: result.closeTime,
  };
}

/** A FAILED signal: the reason, and no number standing in for what could not be computed. */
export function failedSignal(
  base: SignalBase,
  reason: string,
): { signal: ScannerSignal; thresholdShift: number } {
  return {
    thresholdShift: 0,
    signal: {
      ...base,
      tier: 'FAILED',
      // Until the tier machine grades the bar (ScannerCore settles both): this bar, not known.
      tierSince: base.at,
      tierSinceKnown: false,
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

/** A bar's evaluation: its signal, the modulators' threshold shift and the failed gates. */
export interface Evaluation {
  readonly signal: ScannerSignal;
  readonly thresholdShift: number;
  readonly failedGates: readonly string[];
}

const NO_FAILED_GATES: readonly string[] = Object.freeze([]);

/** A FAILED evaluation of the bar (a FAILED signal has no gates). */
export function failedEvaluation(
  input: Pick<ScannerSignal, 'exchange' | 'symbol' | 'timeframe'>,
  result: { readonly closeTime: number },
  reason: string,
): Evaluation {
  return {
    signal: failedSignal(baseOf(input, result), reason).signal,
    thresholdShift: 0,
    failedGates: NO_FAILED_GATES,
  };
}
