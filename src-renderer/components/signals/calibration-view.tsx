import type { ReactElement } from 'react';
import type { Calibration } from '../../../src-shared/contract/calibration';
import { useCalibrationStore } from '../../state/calibration-store';
import type { SignalView } from '../../view/signal-view';
import { UNCALIBRATED_HINT } from '../../view/trader-words';

const day = (ms: number | null): string =>
  ms === null ? '—' : new Date(ms).toISOString().slice(0, 10);
const fixed = (v: number | null, digits: number): string => (v === null ? '—' : v.toFixed(digits));
const pct = (p: number): string => `${(p * 100).toFixed(1)}%`;

/**
 * What the selected signal's P is: a calibrated win chance (with the out-of-sample evidence
 * and the reliability diagram) or the uncalibrated prior, with why no calibration is used.
 */
export function CalibrationView(props: { signal: SignalView }): ReactElement | null {
  const { signal } = props;
  const calibration = useCalibrationStore((s) =>
    s.status?.calibrations.find(
      (c) =>
        c.exchange === signal.exchange &&
        c.symbol === signal.symbol &&
        c.timeframe === signal.timeframe,
    ),
  );
  if (signal.probability === null) return null;
  return (
    <div
      className="calibration"
      data-testid="signal-calibration"
      data-calibrated={signal.calibrated}
    >
      <p className="small">
        P <strong className="num">{pct(signal.probability)}</strong>{' '}
        {signal.calibrated ? (
          <span className="tone-good">calibrated win chance</span>
        ) : (
          <span className="uncalibrated" title={UNCALIBRATED_HINT}>
            uncalibrated: the prior mapping of the score, not a win chance; PRIME needs a calibrated
            P
          </span>
        )}
      </p>
      {calibration === undefined ? (
        <p className="small muted" data-testid="calibration-none">
          No calibration of {signal.symbol} {signal.timeframe} yet: Calibrate P in the Backtest
          drawer, or run vigil calibrate.
        </p>
      ) : (
        <CalibrationEvidence calibration={calibration} />
      )}
    </div>
  );
}

function CalibrationEvidence(props: { calibration: Calibration }): ReactElement {
  const c = props.calibration;
  const used = c.usable && c.current;
  return (
    <>
      <p className="small muted" data-testid="calibration-scores">
        Out of sample ({c.outOfSample} signals, {c.folds} walk-forward folds): Brier{' '}
        <span className={used ? 'tone-good' : 'tone-bad'}>{fixed(c.brier, 4)}</span> vs base rate{' '}
        {fixed(c.baseBrier, 4)}; log loss {fixed(c.logLoss, 3)} vs {fixed(c.baseLogLoss, 3)}.{' '}
        {c.current
          ? `${c.verdict.charAt(0).toUpperCase()}${c.verdict.slice(1)}.`
          : 'Made with another scanner configuration: not used.'}
      </p>
      <p className="small muted">
        {c.file}, {day(c.dataFrom)} to {day(c.dataTo)}; fitted {day(c.fittedAt)} on the latest{' '}
        {c.fitSamples} signals. Won = target ({c.targetAtr} ATR) before stop within {c.horizonBars}{' '}
        bars.
      </p>
      <ReliabilityDiagram calibration={c} />
    </>
  );
}

const SIZE = 132;
const PAD = 18;

/** Mean forecast P (x) against the observed win share (y) per bin; the diagonal is perfect. */
function ReliabilityDiagram(props: { calibration: Calibration }): ReactElement {
  const c = props.calibration;
  const span = SIZE - 2 * PAD;
  const x = (p: number): number => PAD + p * span;
  const y = (p: number): number => SIZE - PAD - p * span;
  const largest = Math.max(1, ...c.reliability.map((b) => b.count));
  const bins = c.reliability.filter((b) => b.count > 0);
  const described = bins
    .map((b) => `${pct(b.meanPredicted ?? 0)} forecast, ${pct(b.observed ?? 0)} won of ${b.count}`)
    .join('; ');
  return (
    <svg
      className="reliability"
      data-testid="reliability-diagram"
      width={SIZE}
      height={SIZE}
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      role="img"
      aria-label={`Reliability: ${described}`}
    >
      <rect x={PAD} y={PAD} width={span} height={span} className="reliability-frame" />
      <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} className="reliability-diagonal" />
      {c.observedRate !== null && (
        <line
          x1={x(0)}
          y1={y(c.observedRate)}
          x2={x(1)}
          y2={y(c.observedRate)}
          className="reliability-base"
        />
      )}
      {bins.map((b) => (
        <circle
          key={b.from}
          cx={x(b.meanPredicted ?? 0)}
          cy={y(b.observed ?? 0)}
          r={2 + 5 * Math.sqrt(b.count / largest)}
          className="reliability-bin"
        >
          <title>{`P ${pct(b.from)}–${pct(b.to)}: ${b.count} signals, forecast ${pct(b.meanPredicted ?? 0)}, won ${pct(b.observed ?? 0)}`}</title>
        </circle>
      ))}
      <text x={PAD} y={SIZE - 4} className="reliability-axis">
        forecast P →
      </text>
      <text x={2} y={PAD - 6} className="reliability-axis">
        won ↑ (dashed: base rate)
      </text>
    </svg>
  );
}
