import { useState, type ReactElement, type ReactNode } from 'react';
import { useCommandRun } from '../../state/use-command-run';
import { FormError } from '../forms/secret-field';

/**
 * One on/off setting that applies at once: a click sends the change, the box shows it while the
 * engine answers, then the engine's value (`change` stores what the engine answered); a
 * refusal shows beneath and the box returns to what the engine holds.
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
  // What the trader asked for, shown (disabled) while the engine has not answered yet.
  const [pending, setPending] = useState<boolean | null>(null);
  const locked = props.lockedBecause !== undefined;
  const toggle = (on: boolean): void => {
    setPending(on);
    run(props.change(on).finally(() => setPending(null)));
  };
  return (
    <div className="setting-toggle">
      <label title={props.lockedBecause}>
        <input
          type="checkbox"
          checked={pending ?? props.checked}
          disabled={busy || locked}
          onChange={(e) => toggle(e.target.checked)}
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
