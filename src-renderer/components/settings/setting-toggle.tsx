import type { ReactElement, ReactNode } from 'react';
import { useCommandRun } from '../../state/use-command-run';
import { FormError } from '../forms/secret-field';

/**
 * One on/off setting that applies at once: the box shows the engine's value (it changes when
 * the engine publishes the new settings), a click sends the change, a refusal shows beneath.
 */
export function SettingToggle(props: {
  readonly label: ReactNode;
  readonly checked: boolean;
  readonly change: (on: boolean) => Promise<unknown>;
  readonly testId: string;
  /** Greyed out with this reason (e.g. halts always alert; no secret set yet). */
  readonly lockedBecause?: string;
  readonly note?: ReactNode;
}): ReactElement {
  const { busy, error, run } = useCommandRun();
  const locked = props.lockedBecause !== undefined;
  return (
    <div className="setting-toggle">
      <label title={props.lockedBecause}>
        <input
          type="checkbox"
          checked={props.checked}
          disabled={busy || locked}
          onChange={(e) => run(props.change(e.target.checked))}
          data-testid={props.testId}
        />
        <span>{props.label}</span>
        {locked && <span className="muted small"> ({props.lockedBecause})</span>}
      </label>
      {props.note !== undefined && <p className="muted small">{props.note}</p>}
      <FormError error={error} testId={`${props.testId}-error`} />
    </div>
  );
}
