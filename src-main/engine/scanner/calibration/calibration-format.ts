import type { Calibration, CalibrationRun } from '../../../../src-shared/contract/calibration';

const day = (ms: number | null): string =>
  ms === null ? '-' : new Date(ms).toISOString().slice(0, 10);
const fixed = (v: number | null, digits: number): string => (v === null ? '-' : v.toFixed(digits));
const pct = (v: number | null): string =>
  v === null ? '   -  ' : `${(v * 100).toFixed(1).padStart(5)}%`;
const BAR = 30;
const term = (v: number): string => `${v < 0 ? '-' : '+'} ${Math.abs(v).toFixed(3)}`;

/**
 * A calibration run as a trader reads it: per market and timeframe the out-of-sample Brier
 * score and log loss against the base rate, whether the scanner uses it and why, its
 * provenance, and the reliability table with a bar diagram (forecast # against observed |).
 * Deterministic apart from the fit date.
 */
export function formatCalibrationRun(run: CalibrationRun): string {
  const first = run.calibrations[0];
  const lines: string[] = [
    `calibration of ${run.data}`,
    first === undefined
      ? ''
      : `won = target (${first.targetAtr} ATR in the signal's direction) before stop (${first.targetAtr} ATR against) within ${first.horizonBars} bars; walk-forward, purged, scored out of sample`,
  ];
  for (const c of run.calibrations) lines.push('', ...calibrationLines(c));
  if (run.skipped.length > 0) {
    lines.push('', 'files not used:');
    for (const s of run.skipped) lines.push(`  ${s.file}: ${s.reason.split('\n')[0] ?? ''}`);
  }
  const used = run.calibrations.filter((c) => c.usable && c.current).length;
  lines.push(
    '',
    `${used} of ${run.calibrations.length} market timeframes beat the base rate out of sample: the scanner presents P as a win chance there only; elsewhere P is uncalibrated and the tier at most WATCH`,
  );
  return `${lines.join('\n')}\n`;
}

function calibrationLines(c: Calibration): string[] {
  const status = c.usable && c.current ? 'USED' : 'not used';
  const lines = [
    `${c.exchange} ${c.symbol} ${c.timeframe}  ${status}: ${c.current ? c.verdict : 'made with another scanner configuration'}`,
    `  out of sample: ${c.outOfSample} signals in ${c.folds} folds, won ${pct(c.observedRate).trim()}  Brier ${fixed(c.brier, 4)} vs base rate ${fixed(c.baseBrier, 4)}  log loss ${fixed(c.logLoss, 4)} vs ${fixed(c.baseLogLoss, 4)}`,
    `  data ${c.file} ${day(c.dataFrom)} .. ${day(c.dataTo)} (${c.samples} signals); mapping fitted ${day(c.fittedAt)} on the latest ${c.fitSamples} (${day(c.fitFrom)} .. ${day(c.fitTo)})${
      c.coefficients === null
        ? ''
        : `: logit P = ${c.coefficients.intercept.toFixed(3)} ${term(c.coefficients.scoreSlope)} x |score|/100 ${term(c.coefficients.confluenceSlope)} x confluence`
    }`,
    '  reliability   count  forecast  observed',
  ];
  for (const b of c.reliability) {
    if (b.count === 0) continue;
    const forecast = Math.round((b.meanPredicted ?? 0) * BAR);
    const observed = Math.round((b.observed ?? 0) * BAR);
    const bar = Array.from({ length: BAR + 1 }, (_, i) =>
      i === observed ? '|' : i < forecast ? '#' : ' ',
    )
      .join('')
      .trimEnd();
    lines.push(
      `  ${(b.from * 100).toFixed(0).padStart(3)}-${(b.to * 100).toFixed(0).padEnd(3)}%  ${String(b.count).padStart(6)}   ${pct(b.meanPredicted)}   ${pct(b.observed)}  ${bar}`,
    );
  }
  return lines;
}
