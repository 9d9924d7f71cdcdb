import type { ScannerSignal, SignalRow } from '../../src-shared/contract/scanner';
import type { SignalExplanationView, SignalView } from './signal-view';

const FACTOR_LABELS: Readonly<Record<string, string>> = {
  trend: 'Trend',
  momentum: 'Momentum',
  meanReversion: 'Mean reversion',
  breakout: 'Breakout',
  volume: 'Volume',
  volatility: 'Volatility',
  liquidity: 'Liquidity',
  dataQuality: 'Data quality',
};

/** A factor as the trader reads its name ("Mean reversion"). */
export function factorLabel(factor: string): string {
  return FACTOR_LABELS[factor] ?? factor;
}

/** The board row key of a market's signal series: "binance:BTC/USDT|1h". */
export function signalViewKey(row: Pick<SignalRow, 'exchange' | 'symbol' | 'timeframe'>): string {
  return `${row.exchange}:${row.symbol}|${row.timeframe}`;
}

/**
 * The scanner's board row as the board shows it. The tier's start is the scanner's own (from
 * its warm-up on), so a window opened late or reloaded shows how long a tier has held.
 */
export function mapSignal(signal: SignalRow): SignalView {
  const instrument = `${signal.exchange}:${signal.symbol}`;
  const failed = signal.tier === 'FAILED';
  return {
    key: signalViewKey(signal),
    instrument,
    exchange: signal.exchange,
    symbol: signal.symbol,
    timeframe: signal.timeframe,
    direction: signal.direction,
    tier: signal.tier,
    // The scanner sends null numbers on FAILED; the board never shows a number for one anyway.
    probability: failed ? null : signal.probability,
    calibrated: signal.calibrated,
    evBps: failed ? null : signal.evBps,
    score: failed ? null : signal.score,
    tierSince: signal.tierSince,
    tierSinceKnown: signal.tierSinceKnown,
    at: signal.at,
    reason: signal.reason,
  };
}

/** The full signal behind a row, as the detail panel explains it. */
export function mapExplanation(signal: ScannerSignal): SignalExplanationView {
  return {
    key: signalViewKey(signal),
    at: signal.at,
    factors: signal.contributions.map((c) => ({
      name: factorLabel(c.factor),
      contribution: c.contribution,
    })),
    gates: signal.gates.map((g) => ({
      name: g.gate,
      passed: g.pass,
      detail: `${g.value.toFixed(2)} ${g.unit} (limit ${g.limit} ${g.unit})`,
    })),
    // Only figures the scanner sent; a FAILED signal has none, and none are invented.
    thresholds: [
      ...(signal.costBps === null
        ? []
        : [{ name: 'Cost (bps)', value: Number(signal.costBps.toFixed(2)) }]),
      ...(signal.confluence === null
        ? []
        : [{ name: 'Confluence', value: Number(signal.confluence.toFixed(2)) }]),
    ],
  };
}
