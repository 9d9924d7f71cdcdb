import type { ReactElement } from 'react';
import { useSignalStore } from '../../state/signal-store';
import { useUiStore } from '../../state/ui-store';
import { areaAvailable } from '../../view/area-availability';
import { EmptyState } from '../layout/empty-state';
import { FactorBars } from './factor-bars';
import { TierLabel } from './tier-label';

/** Why the selected symbol has its tier: factor contributions, gates and thresholds. */
export function SignalDetail(): ReactElement {
  const symbol = useUiStore((s) => s.selectedSymbol);
  const signal = useSignalStore((s) => (symbol === null ? undefined : s.bySymbol[symbol]));
  if (!areaAvailable('scanner')) return <EmptyState area="scanner" />;
  if (signal === undefined) return <EmptyState text="Select a signal to see why it has its tier." />;
  return (
    <div className="signal-detail" data-testid="signal-detail">
      <div className="detail-head">
        <strong>{signal.symbol}</strong> <TierLabel tier={signal.tier} />
        <span className="muted"> {signal.timeframe}</span>
      </div>
      {signal.failedReason !== null && <p className="tone-bad">FAILED: {signal.failedReason}</p>}
      <FactorBars factors={signal.factors} />
      <h3 className="sub-title">Gates</h3>
      <ul className="gates" data-testid="gates">
        {signal.gates.map((g) => (
          <li key={g.name} className={g.passed ? 'tone-good' : 'tone-bad'}>
            {g.passed ? '✔' : '✘'} {g.name} <span className="muted">{g.detail}</span>
          </li>
        ))}
      </ul>
      <h3 className="sub-title">Thresholds</h3>
      <ul className="thresholds">
        {signal.thresholds.map((t) => (
          <li key={t.name}>
            {t.name}: <span className="num">{t.value}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
