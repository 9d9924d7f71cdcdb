import type { ReactElement, ReactNode } from 'react';
import type { TradePlan } from '../../../src-shared/contract/plans';
import { useBookStore } from '../../state/book-store';
import { useClient } from '../../state/client-context';
import { sendShownPlan, setManagement } from '../../state/plan-actions';
import { usePlanStore } from '../../state/plan-store';
import { priceText, qtyText, type Markets } from '../../view/market-format';
import { formatNumber, moneyPlaces } from '../../view/numbers';
import { ruleLabel } from '../../../src-shared/domain/actor-words';
import { UNCALIBRATED_HINT } from '../../view/trader-words';
import { readableReason } from '../../view/venue-reason';

function Figure(props: {
  label: string;
  value: ReactNode;
  testId: string;
  tone?: string;
  wide?: boolean;
}): ReactElement {
  return (
    <div className={`plan-figure${props.wide === true ? ' wide' : ''}`}>
      <span className="plan-label">{props.label}</span>
      <span className={`plan-value ${props.tone ?? ''}`} data-testid={props.testId}>
        {props.value}
      </span>
    </div>
  );
}

function PlanFigures(props: { plan: TradePlan; markets: Markets }): ReactElement {
  const { plan, markets } = props;
  const quote = plan.symbol.slice(plan.symbol.indexOf('/') + 1);
  const money = (text: string): string => formatNumber(Number(text), moneyPlaces(quote));
  const px = (text: string): string => priceText(markets, plan.symbol, text);
  const ev = plan.ev === null ? null : Number(plan.ev);
  return (
    <>
      <div className="plan-grid">
        <Figure
          label="Entry"
          testId="plan-entry"
          value={`${plan.entryType === 'market' ? 'mkt ' : ''}${px(plan.entry)}`}
        />
        <Figure label="Stop" testId="plan-stop" value={px(plan.stop)} tone="tone-bad" />
        <Figure
          label={plan.targets.length > 1 ? 'Targets' : 'Target'}
          testId="plan-targets"
          value={plan.targets.map((t) => px(t.price)).join(' · ')}
          tone="tone-good"
        />
        <Figure label="Qty" testId="plan-qty" value={qtyText(plan.qty)} />
      </div>
      <div className="plan-grid">
        <Figure
          label="Risk at the stop (costs in)"
          testId="plan-risk"
          wide
          value={`${money(plan.risk)} ${quote} · ${formatNumber(plan.riskPct, 2)}%`}
        />
        <Figure label="Reward:risk" testId="plan-rr" value={formatNumber(plan.rewardRisk, 2)} />
        {ev === null || plan.ev === null ? (
          <Figure
            label="EV after costs"
            testId="plan-ev"
            value={
              <>
                —{' '}
                <span className="uncalibrated nowrap" title={UNCALIBRATED_HINT}>
                  (P uncalibrated)
                </span>
              </>
            }
          />
        ) : (
          <Figure
            label="EV after costs"
            testId="plan-ev"
            value={`${ev >= 0 ? '+' : ''}${money(plan.ev)} ${quote}`}
            tone={ev >= 0 ? 'tone-good' : 'tone-bad'}
          />
        )}
        <Figure
          label="Heat after"
          testId="plan-heat"
          value={`${formatNumber(plan.heatAfterPct, 2)}%`}
        />
      </div>
    </>
  );
}

function Verdicts(props: { plan: TradePlan }): ReactElement {
  const failed = props.plan.verdicts.filter((v) => !v.ok);
  return (
    <div className="plan-verdicts" data-testid="plan-verdicts">
      <span className="small">
        Risk gate: {props.plan.verdicts.length - failed.length} of {props.plan.verdicts.length}{' '}
        rules pass
      </span>
      <ul>
        {props.plan.verdicts.map((v) => (
          <li
            key={v.rule}
            className={v.ok ? 'verdict-ok' : 'verdict-fail'}
            data-testid="plan-verdict"
            data-rule={v.rule}
            data-ok={v.ok}
            title={v.reason ?? 'passes'}
          >
            {v.ok ? '✓' : '✗'} {ruleLabel(v.rule)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The trail a trader switches on from the panel, in ATRs of the signal's timeframe. */
const PANEL_TRAIL_ATR = 1.5;

function Management(props: { plan: TradePlan; disabled: boolean }): ReactElement {
  const client = useClient();
  const { breakEven, trailAtr } = props.plan.management;
  return (
    <div className="plan-management small">
      <label>
        <input
          type="checkbox"
          data-testid="plan-break-even"
          checked={breakEven}
          disabled={props.disabled}
          onChange={(e) => setManagement(client, { breakEven: e.target.checked, trailAtr })}
        />{' '}
        Break-even after target 1
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="plan-trail"
          checked={trailAtr !== null}
          disabled={props.disabled}
          onChange={(e) =>
            setManagement(client, {
              breakEven,
              trailAtr: e.target.checked ? PANEL_TRAIL_ATR : null,
            })
          }
        />{' '}
        Trail stop {trailAtr ?? PANEL_TRAIL_ATR} × ATR
      </label>
    </div>
  );
}

/**
 * A plan's refusal in the risk panel's words: a risk rule's ('risk:control-mode', refusal
 * 'control-mode: HALTED: …') is named by its label ("Trading mode: HALTED: …").
 */
function planRefusalText(refusal: string, rule: string | null): string {
  if (rule?.startsWith('risk:') !== true) return readableReason(refusal);
  return readableReason(`gate: ${refusal}`);
}

/**
 * The trade plan of the selected signal, as the engine proposed it: levels, size, the risk
 * figures and every risk rule's own verdict. Enter sends it, Esc drops it; the stop is dragged
 * on the chart.
 */
export function PlanPanel(): ReactElement {
  const client = useClient();
  const { plan, busy, error, sent, drop } = usePlanStore();
  const markets = useBookStore((s) => s.markets);
  if (plan === null)
    return (
      <p className="muted small" data-testid="plan-panel" data-state={busy ? 'busy' : 'failed'}>
        {busy ? 'Planning…' : (error ?? '')}
      </p>
    );
  // An entry the gate or the venue refused at send went nowhere: it is not "sent".
  const working = sent?.filter((e) => e.state !== 'REJECTED').length ?? 0;
  const state =
    sent !== null
      ? working > 0
        ? 'sent'
        : 'refused-at-send'
      : plan.refusal === null
        ? 'ready'
        : 'refused';
  return (
    <div
      className="plan-panel"
      data-testid="plan-panel"
      data-state={state}
      data-plan-id={plan.planId}
    >
      <div className="plan-head">
        <span className={`plan-side ${plan.side}`}>{plan.side === 'buy' ? 'BUY' : 'SELL'}</span>{' '}
        <strong>{plan.symbol}</strong> {plan.timeframe}
        <span className="muted small">
          {' '}
          · {plan.signal.tier} P {formatNumber(plan.signal.probability, 2)}
        </span>
        {!plan.signal.calibrated && (
          <span className="uncalibrated" data-testid="plan-uncalibrated" title={UNCALIBRATED_HINT}>
            {' '}
            uncalibrated
          </span>
        )}
      </div>
      <PlanFigures plan={plan} markets={markets} />
      <Verdicts plan={plan} />
      <Management plan={plan} disabled={busy || sent !== null} />
      {plan.refusal !== null && (
        <p className="tone-bad small plan-refusal" role="alert" data-testid="plan-refusal">
          Not sendable: {planRefusalText(plan.refusal, plan.refusalRule)}
        </p>
      )}
      {error !== null && (
        <p className="tone-bad small plan-refusal" role="alert" data-testid="plan-error">
          {error}
        </p>
      )}
      {sent === null ? (
        <div className="plan-actions">
          <button
            type="button"
            className={`ticket-submit ${plan.side}`}
            data-testid="plan-send"
            disabled={busy || plan.refusal !== null}
            onClick={() => void sendShownPlan(client)}
          >
            Send plan <kbd>Enter</kbd>
          </button>
          <button type="button" data-testid="plan-drop" onClick={drop}>
            Drop <kbd>Esc</kbd>
          </button>
        </div>
      ) : (
        <div className="plan-actions">
          <span
            className={`${working > 0 ? 'tone-good' : 'tone-bad'} small`}
            data-testid="plan-sent"
          >
            {working > 0 ? `Sent: ${working} bracket${working === 1 ? '' : 's'}` : 'Nothing sent'}
          </span>
          <button type="button" data-testid="plan-drop" onClick={drop}>
            Close <kbd>Esc</kbd>
          </button>
        </div>
      )}
      {sent === null && (
        <p className="muted small plan-hint">
          Drag the red stop line on the chart to move the stop.
        </p>
      )}
    </div>
  );
}
