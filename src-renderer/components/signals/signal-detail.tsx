import type { ReactElement } from 'react';
import type { SignalExplanationView } from '../../view/signal-view';
import { useSignalStore } from '../../state/signal-store';
import { useUiStore } from '../../state/ui-store';
import { useSignalExplanation } from '../../state/use-signal-explanation';
import { EmptyState } from '../layout/empty-state';
import { CalibrationView } from './calibration-view';
import { FactorBars } from './factor-bars';
import { TierLabel } from './tier-label';

/** Why the selected symbol has its tier: factor contributions, gates and thresholds. */
export function SignalDetail(): ReactElement {
  const instrument = useUiStore((s) => s.selectedSymbol);
  const timeframe = useUiStore((s) => s.timeframe);
  const signal = useSignalStore((s) =>
    instrument === null ? undefined : s.byKey[`${instrument}|${timeframe}`],
  );
  const explanation = useSignalExplanation(signal);
  if (signal === undefined) {
    return (
      <EmptyState
        text={
          instrument === null
            ? 'Select a signal to see why it has its tier.'
            : `No ${timeframe} signal for this symbol yet.`
        }
      />
    );
  }
  return (
    <div className="signal-detail" data-testid="signal-detail">
      <div className="detail-head">
        <strong>{signal.symbol}</strong> <TierLabel tier={signal.tier} />
        <span className="muted"> {signal.timeframe}</span>
      </div>
      <p
        className={`small ${signal.tier === 'FAILED' ? 'tone-bad' : 'muted'}`}
        data-testid="signal-reason"
      >
        {signal.reason}
      </p>
      <CalibrationView signal={signal} />
      {explanation?.kind === 'ready' && explanation.explanation.key === signal.key ? (
        <Explanation explanation={explanation.explanation} />
      ) : explanation?.kind === 'failed' && explanation.key === signal.key ? (
        <p className="small tone-bad" data-testid="explanation-error">
          Could not load why: {explanation.message}
        </p>
      ) : (
        <p className="small muted">Loading the factors and gates…</p>
      )}
    </div>
  );
}

function Explanation(props: { explanation: SignalExplanationView }): ReactElement {
  const { factors, gates, thresholds } = props.explanation;
  return (
    <>
      <h3 className="sub-title">Factor contributions (score points)</h3>
      <FactorBars factors={factors} />
      <h3 className="sub-title">Gates</h3>
      <ul className="gates" data-testid="gates">
        {gates.map((g) => (
          <li key={g.name} className={g.passed ? 'tone-good' : 'tone-bad'}>
            {g.passed ? '✔' : '✘'} {g.name} <span className="muted">{g.detail}</span>
          </li>
        ))}
      </ul>
      <h3
        className="sub-title"
        title="Tier thresholds are scanner configuration, which the contract does not expose yet"
      >
        Costs and confluence
      </h3>
      <ul className="thresholds">
        {thresholds.map((t) => (
          <li key={t.name}>
            {t.name}: <span className="num">{t.value}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
