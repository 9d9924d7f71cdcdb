import type { ReactElement } from 'react';
import type { ConfigField as Field } from '../../view/config-draft';

/**
 * One labelled input with its own validation message (already in the panel's words) underneath. Its test id is
 * `<idPrefix>-<key>` (dots as dashes), e.g. `risk-panic-staleQuoteMs`.
 */
export function ConfigField(props: {
  idPrefix: string;
  field: Field;
  value: string;
  error: string | null;
  onChange: (text: string) => void;
}): ReactElement {
  const id = `${props.idPrefix}-${props.field.key.replace('.', '-')}`;
  return (
    <div className={`config-field${props.error === null ? '' : ' has-error'}`}>
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
          {props.error}
        </span>
      )}
    </div>
  );
}
