import type { ScannerSignal } from '../../../src-shared/contract/scanner';

type SignalBase = Pick<ScannerSignal, 'exchange' | 'symbol' | 'timeframe' | 'at'>;

/** The fields a signal names its market and bar by, for a FAILED one. */
export function baseOf(
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
