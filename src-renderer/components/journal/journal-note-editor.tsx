import { useState, type ReactElement, type ReactNode } from 'react';
import type { JournalTrade } from '../../../src-shared/contract/journal';
import { useClient } from '../../state/client-context';
import { useCommandRun } from '../../state/use-command-run';
import { parseTags } from '../../view/journal-view';
import { factorLabel } from '../../view/map-signal';
import { formatDecimal, formatNumber, moneyPlaces } from '../../view/numbers';
import { UNCALIBRATED_HINT } from '../../view/trader-words';
import { FactorBars } from '../signals/factor-bars';
import { FormError } from '../forms/secret-field';

/** A trade opened up: the signal it was entered on, its plan, and its note and tags to edit. */
export function JournalNoteEditor(props: {
  readonly trade: JournalTrade;
  readonly plan: ReactNode;
}): ReactElement {
  const t = props.trade;
  const client = useClient();
  const save = useCommandRun();
  const [text, setText] = useState(t.notes);
  const [tags, setTags] = useState(t.tags.join(' '));
  const signal = t.entrySignal;
  return (
    <div className="journal-detail" data-testid="journal-detail">
      <div className="journal-signal">
        <h4>Signal at entry</h4>
        {signal === null ? (
          <p className="muted small">No signal was known for {t.symbol} when the entry filled.</p>
        ) : (
          <>
            <p className="small">
              <strong>{signal.tier}</strong> {signal.direction} on {signal.timeframe},{' '}
              <span data-testid="journal-entry-p" data-calibrated={signal.calibrated}>
                P{' '}
                {signal.probability === null
                  ? 'n/a'
                  : `${formatNumber(signal.probability * 100, 1)}%`}
                {signal.probability !== null && !signal.calibrated && (
                  <span className="uncalibrated" title={UNCALIBRATED_HINT}>
                    {' '}
                    uncalibrated
                  </span>
                )}
              </span>
              , EV {signal.evBps === null ? 'n/a' : `${formatNumber(signal.evBps, 1)} bps`}
            </p>
            {signal.factors === null ? (
              <p className="muted small">Factors not kept: {signal.factorsMissing}</p>
            ) : (
              <FactorBars
                factors={signal.factors.map((f) => ({
                  name: factorLabel(f.factor),
                  contribution: f.contribution,
                }))}
              />
            )}
          </>
        )}
        <p className="small muted">
          {t.initialRisk === null
            ? `R n/a: ${t.rMissing ?? 'no initial risk'}`
            : `Risk at entry ${formatDecimal(t.initialRisk.amount, moneyPlaces(t.quoteAsset))} ${t.quoteAsset} to the ${t.initialRisk.source} stop ${formatDecimal(t.initialRisk.stop)}; fees ${formatDecimal(t.fees, moneyPlaces(t.quoteAsset))} ${t.quoteAsset}, gross ${formatDecimal(t.grossPnl, moneyPlaces(t.quoteAsset))}`}
        </p>
      </div>
      {props.plan}
      <form
        className="journal-note-form"
        aria-label={`Note for trade ${t.id}`}
        onSubmit={(e) => {
          e.preventDefault();
          save.run(client.call('setJournalNote', { tradeId: t.id, text, tags: parseTags(tags) }));
        }}
      >
        <label>
          Note
          <textarea
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="journal-note-text"
          />
        </label>
        <label>
          Tags (space or comma between)
          <input
            value={tags}
            onChange={(e) => setTags(e.target.value)}
            data-testid="journal-note-tags"
          />
        </label>
        <div className="form-actions">
          <button type="submit" disabled={save.busy} data-testid="journal-note-save">
            Save note
          </button>
          {t.notedAt !== null && (
            <span className="muted small">saved {new Date(t.notedAt).toLocaleString()}</span>
          )}
        </div>
        <FormError error={save.error} testId="journal-note-error" />
      </form>
    </div>
  );
}
