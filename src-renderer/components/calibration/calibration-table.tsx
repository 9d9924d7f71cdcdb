import type { ReactElement } from 'react';
import type { Calibration } from '../../../src-shared/contract/calibration';
import { formatNumber } from '../../view/numbers';

const score = (value: number | null): string => (value === null ? 'n/a' : formatNumber(value, 4));

/** Lower is better for both scores: the fit's figure against the base rate's, side by side. */
function ScoreCell(props: {
  readonly fit: number | null;
  readonly base: number | null;
}): ReactElement {
  const beats = props.fit !== null && props.base !== null && props.fit < props.base;
  return (
    <td className={`num ${beats ? 'tone-good' : ''}`}>
      {score(props.fit)} <span className="muted">vs {score(props.base)}</span>
    </td>
  );
}

/**
 * The stored calibrations, one row a market and timeframe: out-of-sample forecasts, Brier
 * score and log loss against the base rate, and whether the scanner uses it now (with why not).
 */
export function CalibrationTable(props: {
  readonly calibrations: readonly Calibration[];
}): ReactElement {
  if (props.calibrations.length === 0)
    return (
      <p className="muted small" data-testid="calibration-results-none">
        No calibration stored yet: every P on the board is the prior mapping (uncalibrated).
      </p>
    );
  return (
    <table className="calibration-table" data-testid="calibration-results">
      <thead>
        <tr>
          <th>Market</th>
          <th>TF</th>
          <th className="num">Out of sample</th>
          <th className="num">Brier vs base rate</th>
          <th className="num">Log loss vs base rate</th>
          <th>Used now</th>
        </tr>
      </thead>
      <tbody>
        {props.calibrations.map((c) => {
          const used = c.usable && c.current;
          return (
            <tr
              key={`${c.exchange} ${c.symbol} ${c.timeframe}`}
              data-testid="calibration-result"
              data-symbol={c.symbol}
              data-timeframe={c.timeframe}
              data-used={used}
            >
              <td>
                {c.symbol} <span className="muted small">{c.exchange}</span>
              </td>
              <td>{c.timeframe}</td>
              <td className="num">{c.outOfSample}</td>
              <ScoreCell fit={c.brier} base={c.baseBrier} />
              <ScoreCell fit={c.logLoss} base={c.baseLogLoss} />
              <td className={used ? 'tone-good' : 'muted'} data-testid="calibration-used">
                {used ? (
                  <strong>USED</strong>
                ) : (
                  <>not used: {c.current ? c.verdict : 'made with another scanner configuration'}</>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
