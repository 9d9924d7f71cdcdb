import type { ScannerSignal, SignalKey, SignalRow } from '../../../src-shared/contract/scanner';

/** A signal's board row: the same figures, without the explanation. */
export function signalRow(signal: ScannerSignal): SignalRow {
  return {
    exchange: signal.exchange,
    symbol: signal.symbol,
    timeframe: signal.timeframe,
    at: signal.at,
    tier: signal.tier,
    tierSince: signal.tierSince,
    tierSinceKnown: signal.tierSinceKnown,
    direction: signal.direction,
    score: signal.score,
    probability: signal.probability,
    calibrated: signal.calibrated,
    evBps: signal.evBps,
    reason: signal.reason,
  };
}

/** Map key of a market's signal series (exchange, symbol, timeframe). */
export function signalKey(key: SignalKey): string {
  return `${key.exchange}\u0000${key.symbol}\u0000${key.timeframe}`;
}
