import type { ReactElement } from 'react';
import type { FactorContribution } from '../../view/signal-view';

/** Signed contributions as bars around a zero line: right is bullish, left bearish. */
export function FactorBars(props: { factors: readonly FactorContribution[] }): ReactElement {
  const scale = Math.max(1, ...props.factors.map((f) => Math.abs(f.contribution)));
  return (
    <ul className="factor-bars" data-testid="factor-bars">
      {props.factors.map((f) => {
        const width = (Math.abs(f.contribution) / scale) * 50;
        const positive = f.contribution >= 0;
        return (
          <li key={f.name}>
            <span className="factor-name">{f.name}</span>
            <span className="factor-track">
              <span
                className={`factor-bar ${positive ? 'pos' : 'neg'}`}
                style={
                  positive
                    ? { left: '50%', width: `${width}%` }
                    : { right: '50%', width: `${width}%` }
                }
              />
            </span>
            <span className="factor-value num">{f.contribution.toFixed(1)}</span>
          </li>
        );
      })}
    </ul>
  );
}
