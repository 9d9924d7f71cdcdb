import type { ReactElement } from 'react';
import type { JournalTrade } from '../../../src-shared/contract/journal';
import { formatDecimal, formatNumber, moneyPlaces } from '../../view/numbers';
import { zonedShort } from '../../view/journal-view';

const SOURCE_WORDS = {
  manual: 'sent by you',
  autopilot: 'sent by the autopilot',
  shadow: 'SHADOW',
};

/** The plan a trade was entered from, as planned, and every move of its stop since. */
export function JournalPlanView(props: {
  readonly trade: JournalTrade;
  readonly zone: string;
  readonly price: (text: string) => string;
}): ReactElement {
  const { trade: t, price } = props;
  const plan = t.plan;
  if (plan === null)
    return (
      <div className="journal-plan" data-testid="journal-plan">
        <h4>Plan</h4>
        <p className="muted small">Entered without a trade plan.</p>
      </div>
    );
  const management = [
    plan.management.breakEven ? 'break-even after target 1' : null,
    plan.management.trailAtr === null ? null : `trail ${plan.management.trailAtr} × ATR`,
  ].filter((m) => m !== null);
  return (
    <div className="journal-plan" data-testid="journal-plan" data-plan={plan.planId}>
      <h4>
        Plan {plan.planId} <span className="muted small">({SOURCE_WORDS[plan.source]})</span>
      </h4>
      <p className="small">
        {plan.side === 'buy' ? 'Long' : 'Short'} {plan.qty} on {plan.timeframe}:{' '}
        {plan.entryType === 'market' ? 'market entry at' : 'limit entry'} {price(plan.entry)}, stop{' '}
        <strong>{price(plan.stop)}</strong>, target{plan.targets.length === 1 ? '' : 's'}{' '}
        {plan.targets.map((x) => `${price(x.price)} (${x.qty})`).join(', ')}
      </p>
      <p className="small muted">
        Planned risk {formatDecimal(plan.risk, moneyPlaces(t.quoteAsset))} {t.quoteAsset} (
        {formatNumber(plan.riskPct, 2)}% of equity), reward:risk {formatNumber(plan.rewardRisk, 2)}
        {management.length > 0 ? ` · ${management.join(', ')}` : ''}
      </p>
      {plan.stopMoves.length === 0 ? (
        <p className="small muted" data-testid="journal-stop-moves">
          The stop never moved.
        </p>
      ) : (
        <ol className="journal-stop-moves small" data-testid="journal-stop-moves">
          {plan.stopMoves.map((m, i) => (
            <li key={`${m.entry}-${i}`}>
              {zonedShort(m.at, props.zone)} stop {price(m.from)} → {price(m.to)}: {m.why}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
