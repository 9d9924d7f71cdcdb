import { TIMEFRAME_MS, type Timeframe } from '../../../src-shared/domain/candle';
import type { ScannerSignal, TierChange } from '../../../src-shared/contract/scanner';
import type { ReplayPlan, ReplaySource } from './replay-plan';
import type { ScanStep, ScannerCandle } from './scanner-core';

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

const BATCH = 4096;

/**
 * Replays a plan through a scanner (in-process or the worker, via `process`) and collects per
 * market the final signal and every tier transition. Batches are sent in order and awaited
 * one at a time, so the result is the same however the batches are cut.
 */
export async function runReplayScan(
  plan: ReplayPlan,
  timeframes: readonly Timeframe[],
  process: (batch: readonly ScannerCandle[]) => Promise<ScanStep[]>,
): Promise<ScanReport> {
  const state = new Map<
    string,
    { final: ScannerSignal | null; evaluated: number; failed: number; transitions: TierChange[] }
  >();
  const key = (exchange: string, symbol: string): string => `${exchange}\u0000${symbol}`;
  // The report follows the primary (shortest) timeframe; the scanner grades the longer ones too.
  const primary = [...timeframes].sort((a, b) => TIMEFRAME_MS[a] - TIMEFRAME_MS[b])[0];
  for (const s of plan.sources)
    state.set(key(s.exchange, s.symbol), { final: null, evaluated: 0, failed: 0, transitions: [] });
  for (let start = 0; start < plan.events.length; start += BATCH) {
    const batch = plan.events.slice(start, start + BATCH);
    const steps = await process(batch);
    if (steps.length !== batch.length)
      throw new Error(`scanner answered ${steps.length} steps for ${batch.length} candles`);
    for (const step of steps) {
      if (step.signal === null || step.signal.timeframe !== primary) continue;
      const entry = state.get(key(step.signal.exchange, step.signal.symbol));
      if (entry === undefined)
        throw new Error(`scanner answered for unknown market ${step.signal.symbol}`);
      entry.final = step.signal;
      entry.evaluated += 1;
      if (step.signal.tier === 'FAILED') entry.failed += 1;
      if (step.tierChange !== null) entry.transitions.push(step.tierChange);
    }
  }
  const markets = plan.sources.map((source) => {
    const entry = state.get(key(source.exchange, source.symbol)) as NonNullable<
      ReturnType<typeof state.get>
    >;
    return {
      exchange: source.exchange,
      symbol: source.symbol,
      source,
      final: entry.final,
      evaluatedBars: entry.evaluated,
      failedBars: entry.failed,
      transitions: entry.transitions,
    };
  });
  return { timeframes, markets, skipped: plan.skipped };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Fixed-digit number with its sign; '-' where a FAILED signal has no value. */
function signed(v: number | null, digits: number): string {
  if (v === null) return '-';
  return `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`;
}

function fixed(v: number | null, digits: number): string {
  return v === null ? '-' : v.toFixed(digits);
}

/** Human-readable report; deterministic (no wall clock, fixed formatting). */
export function formatScanReport(report: ScanReport, topFactors = 3): string {
  const lines: string[] = [`scan timeframes: ${report.timeframes.join(', ')}`];
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
        `  tier ${f.tier}  ${f.direction}  P ${fixed(f.probability, 3)}  score ${signed(f.score, 1)}  EV ${signed(f.evBps, 2)} bps (costs ${fixed(f.costBps, 2)})  confluence ${signed(f.confluence, 2)}  at ${iso(f.at)}`,
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
        `    ${iso(t.at)}  ${t.from} -> ${t.to}  (P ${fixed(t.probability, 3)}, EV ${signed(t.evBps, 2)} bps: ${t.reason})`,
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
