import type { ReactElement } from 'react';
import { riskIssueText, type RiskField as Field } from '../../view/risk-config-fields';

/** One labelled input with its own validation message underneath. */
export function RiskField(props: {
  field: Field;
  value: string;
  error: string | null;
  onChange: (text: string) => void;
}): ReactElement {
  const id = `risk-${props.field.key.replace('.', '-')}`;
  return (
    <div className={`risk-field${props.error === null ? '' : ' has-error'}`}>
      <label htmlFor={id}>
        {props.field.label} <span className="muted">({props.field.unit})</span>
      </label>
      <input
        id={id}
        data-testid={id}
        inputMode={props.field.kind === 'number' ? 'decimal' : 'text'}
        value={props.value}
        aria-invalid={props.error !== null}
        aria-describedby={props.error === null ? undefined : `${id}-error`}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error !== null && (
        <span className="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {riskIssueText(props.error)}
        </span>
      )}
    </div>
  );
}
