import type { ReactElement } from 'react';

/**
 * A horizontal gauge of used vs limit. `used` null means the engine does not report the figure;
 * the gauge then shows the limit only and says so, rather than an empty bar read as zero.
 */
export function RiskGauge(props: {
  label: string;
  used: number | null;
  limit: number | null;
  unit: string;
  testId: string;
  missing?: string;
}): ReactElement {
  const { used, limit } = props;
  const share = used !== null && limit !== null && limit > 0 ? Math.min(used / limit, 1) : null;
  const tone = share === null ? 'none' : share >= 1 ? 'bad' : share >= 0.75 ? 'warn' : 'good';
  return (
    <div className="gauge" data-testid={props.testId} title={props.missing}>
      <div className="gauge-head">
        <span>{props.label}</span>
        <span className="gauge-figures">
          {used === null ? 'not reported' : `${used}${props.unit}`} /{' '}
          {limit === null ? '—' : `${limit}${props.unit}`}
        </span>
      </div>
      <div className={`gauge-track gauge-${tone}`}>
        {share !== null && <div className="gauge-fill" style={{ width: `${share * 100}%` }} />}
      </div>
    </div>
  );
}
