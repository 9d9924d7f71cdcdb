import type { ReactElement } from 'react';
import './forms.css';

/**
 * A masked input for a secret (API key, bot token, webhook URL): never shown, never
 * autocompleted or spell-checked; its value goes to the engine once and the form clears it.
 */
export function SecretField(props: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly testId: string;
  readonly placeholder?: string;
  readonly wide?: boolean;
}): ReactElement {
  return (
    <label className={props.wide === true ? 'wide' : undefined}>
      {props.label}
      <input
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
        required
        data-testid={props.testId}
      />
    </label>
  );
}

/** A form's refusal, in the engine's (or the form's own) words. */
export function FormError(props: {
  readonly error: string | null;
  readonly testId: string;
}): ReactElement | null {
  if (props.error === null) return null;
  return (
    <p className="tone-bad small" role="alert" data-testid={props.testId}>
      {props.error}
    </p>
  );
}
