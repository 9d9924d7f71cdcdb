import type { Timeframe } from '../../../src-shared/domain/candle';
import type { ScannerSignal, TierChange } from '../../../src-shared/contract/scanner';
import { probabilityText } from '../../../src-shared/domain/probability-words';
import {
  chooseMarketSources,
  marketEvents,
  resampleMarket,
  type MarketReplay,
  type ReplayPlan,
  type ReplaySource,
} from './replay-plan';
import { ScannerCore } from './scanner-core';
import { validateScannerConfig, type ScannerConfig } from './scoring/scanner-config';

export interface MarketScanResult {
  readonly exchange: string;
  readonly symbol: string;
  readonly source: ReplaySource;
  /** The last evaluated primary bar (null if the series never finished warming up). */
  readonly final: ScannerSignal | null;
  readonly evaluatedBars: number;
  readonly failedBars: number;
  readonly transitions: TierChange[];
}

export interface ScanReport {
  readonly timeframes: readonly Timeframe[];
  readonly markets: MarketScanResult[];
  readonly skipped: ReplayPlan['skipped'];
}

/**
 * Scans a folder in this thread, market by market as the files are read: each market's
 * source is chosen (chooseMarketSources), resampled, replayed and tallied, and its candles
 * dropped before the next market's files are read. Nothing is copied per step: a CLI run has
 * no kill switch to keep responsive, so neither the scanner worker nor a transfer of every
 * step is needed (a worker measured slower here: its own start, JIT warm-up and heap).
 */
export async function scanFolder(dir: string, config: ScannerConfig): Promise<ScanReport> {
  const core = new ScannerCore(validateScannerConfig(config));
  const markets: MarketScanResult[] = [];
  const { skipped } = await chooseMarketSources(dir, config.timeframes, (chosen) => {
    markets.push(tallyMarket(core, resampleMarket(chosen, config.timeframes)));
  });
  return { timeframes: config.timeframes, markets, skipped };
}

/**
 * Replays one market through the scanner and tallies the final signal, the evaluated and
 * FAILED bar counts and every tier transition. Nothing is kept per step.
 */
export function tallyMarket(core: ScannerCore, market: MarketReplay): MarketScanResult {
  let final: ScannerSignal | null = null;
  let evaluatedBars = 0;
  let failedBars = 0;
  const transitions: TierChange[] = [];
  for (const event of marketEvents(market)) {
    // Lean: only the final signal's contributions are printed, explained after the loop.
    const step = core.onCandle(event, false);
    // The report follows the primary (shortest) timeframe; the scanner grades the longer ones too.
    if (step.signal === null || step.signal.timeframe !== core.primary) continue;
    final = step.signal;
    evaluatedBars += 1;
    if (step.signal.tier === 'FAILED') failedBars += 1;
    if (step.tierChange !== null) transitions.push(step.tierChange);
  }
  const { exchange, symbol } = market.source;
  // The last primary bar is still its scorer's latest: the longer timeframes after it have
  // scorers of their own.
  if (final !== null) final = core.explain(final);
  return { exchange, symbol, source: market.source, final, evaluatedBars, failedBars, transitions };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A figure a FAILED bar has none of is said "n/a", as the cockpit says it. */
const NOT_AVAILABLE = 'n/a';

/** Fixed-digit number with its sign; "n/a" where a FAILED signal has no value. */
function signed(v: number | null, digits: number): string {
  if (v === null) return NOT_AVAILABLE;
  return `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`;
}

function fixed(v: number | null, digits: number): string {
  return v === null ? NOT_AVAILABLE : v.toFixed(digits);
}

/** Basis points with their unit; "n/a" alone when there are none. */
function bps(v: number | null): string {
  return v === null ? NOT_AVAILABLE : `${signed(v, 2)} bps`;
}

/** Human-readable report; deterministic (no wall clock, fixed formatting). */
export function formatScanReport(report: ScanReport, topFactors = 3): string {
  const lines: string[] = [
    `scan timeframes: ${report.timeframes.join(', ')}`,
    // A scan reads files only, never the engine's stored calibrations.
    'P is uncalibrated throughout: the prior mapping of the score, not a win chance (vigil calibrate fits it)',
  ];
  for (const m of report.markets) {
    const s = m.source;
    const bars = Object.entries(s.bars)
      .map(([tf, n]) => `${tf}:${n}`)
      .join(' ');
    lines.push('');
    lines.push(
      `${m.exchange} ${m.symbol}  (from ${s.file}, ${s.sourceTimeframe}, ${s.gaps} gaps; bars ${bars})`,
    );
    const f = m.final;
    if (f === null) {
      lines.push('  no signal: still warming up at the end of the data');
    } else {
      lines.push(
        `  tier ${f.tier}  ${f.direction}  ${probabilityText(f.probability, f.calibrated)}  score ${signed(f.score, 1)}  EV ${bps(f.evBps)} (costs ${fixed(f.costBps, 2)})  confluence ${signed(f.confluence, 2)}  at ${iso(f.at)}`,
      );
      if (f.gates.length > 0) {
        lines.push(
          `  gates: ${f.gates.map((g) => `${g.gate} ${g.pass ? 'ok' : 'FAIL'} (${round(g.value)} / ${round(g.limit)} ${g.unit})`).join('; ')}`,
        );
      }
      const top = [...f.contributions]
        .filter((c) => c.weight > 0)
        .sort(
          (a, b) =>
            Math.abs(b.contribution) - Math.abs(a.contribution) || (a.factor < b.factor ? -1 : 1),
        )
        .slice(0, topFactors);
      if (top.length > 0)
        lines.push(
          `  top factors: ${top.map((c) => `${c.factor} ${signed(c.contribution, 2)}`).join(', ')}`,
        );
      lines.push(`  reason: ${f.reason === '' ? '-' : f.reason}`);
    }
    lines.push(
      `  evaluated ${m.evaluatedBars} bars, ${m.failedBars} FAILED, ${m.transitions.length} tier changes`,
    );
    for (const t of m.transitions) {
      lines.push(
        `    ${iso(t.at)}  ${t.from} -> ${t.to}  (P ${fixed(t.probability, 3)}, EV ${bps(t.evBps)}: ${t.reason})`,
      );
    }
  }
  if (report.skipped.length > 0) {
    lines.push('');
    lines.push('files not scanned:');
    for (const s of report.skipped) lines.push(`  ${s.file}: ${s.reason.split('\n')[0] ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function round(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}
