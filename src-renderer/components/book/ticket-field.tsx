import type { ReactElement } from 'react';

/** A ticket input with its name always visible, so a filled price is never read as another. */
export function TicketField(props: {
  label: string;
  testId: string;
  value: string;
  onChange: (text: string) => void;
  placeholder?: string;
}): ReactElement {
  return (
    <label className="ticket-field">
      <span>{props.label}</span>
      <input
        data-testid={props.testId}
        inputMode="decimal"
        placeholder={props.placeholder}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
