import { useMemo, useState, type ReactElement } from 'react';
import { useClient } from '../../state/client-context';
import { errorText } from '../../state/error-text';
import { useRiskStore } from '../../state/risk-store';
import { useToastStore } from '../../state/toast-store';
import {
  checkDraft,
  fieldText,
  RISK_FIELDS,
  riskFieldLabel,
  riskIssueText,
} from '../../view/risk-config-fields';
import { RiskField } from './risk-field';

/** The risk config with per-field validation; nothing is sent until the whole draft is valid. */
export function RiskConfigEditor(): ReactElement {
  const client = useClient();
  const config = useRiskStore((s) => s.config);
  const loadError = useRiskStore((s) => s.loadError);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [engineError, setEngineError] = useState<string | null>(null);
  const check = useMemo(
    () => (config === null ? null : checkDraft(config, draft)),
    [config, draft],
  );
  if (config === null || check === null) {
    return (
      <p className="empty">
        {loadError === null ? 'Loading risk config…' : `Risk config unavailable: ${loadError}`}
      </p>
    );
  }
  const dirty = Object.keys(check.changes).length > 0 || Object.keys(check.errors).length > 0;
  const valid = Object.keys(check.errors).length === 0;
  return (
    <form
      className="risk-editor"
      data-testid="risk-editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid || !dirty) return;
        setEngineError(null);
        client.call('setRiskConfig', { changes: check.changes, via: 'ui' }).then(
          (next) => {
            useRiskStore.getState().setConfig(next);
            setDraft({});
            useToastStore
              .getState()
              .push(
                'info',
                'Risk limits saved',
                Object.keys(check.changes).map(riskFieldLabel).join(', '),
              );
          },
          (err: unknown) => setEngineError(riskIssueText(errorText(err))),
        );
      }}
    >
      {RISK_FIELDS.map((field) => (
        <RiskField
          key={field.key}
          field={field}
          value={draft[field.key] ?? fieldText(config, field.key)}
          error={check.errors[field.key] ?? null}
          onChange={(text) => setDraft((d) => ({ ...d, [field.key]: text }))}
        />
      ))}
      {engineError !== null && (
        <p className="tone-bad small" role="alert" data-testid="risk-engine-error">
          Engine refused: {engineError}
        </p>
      )}
      <div className="risk-editor-actions">
        <button type="submit" data-testid="risk-save" disabled={!valid || !dirty}>
          Save limits
        </button>
        <button type="button" disabled={!dirty} onClick={() => setDraft({})}>
          Discard
        </button>
      </div>
    </form>
  );
}
