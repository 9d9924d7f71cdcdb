import { useState, type ReactElement } from 'react';
import { useClient } from '../../state/client-context';
import { errorText } from '../../state/error-text';
import { useRiskStore } from '../../state/risk-store';

/** Flatten-on-kill lives in the risk config; the toggle writes it there and shows what stuck. */
export function FlattenToggle(): ReactElement {
  const client = useClient();
  const on = useRiskStore((s) => s.config?.flattenOnKill);
  const [error, setError] = useState<string | null>(null);
  const disabled = on === undefined;
  return (
    <label
      className="flatten-toggle"
      title="When on, KILL also closes every position with reduce-only market orders."
    >
      <input
        type="checkbox"
        data-testid="flatten-toggle"
        checked={on ?? false}
        disabled={disabled}
        onChange={(e) => {
          setError(null);
          client
            .call('setRiskConfig', { changes: { flattenOnKill: e.target.checked }, via: 'ui' })
            .then(useRiskStore.getState().setConfig, (err: unknown) => setError(errorText(err)));
        }}
      />
      <span>Flatten positions on kill</span>
      {disabled && <span className="muted small"> (risk config not loaded)</span>}
      {error !== null && <span className="tone-bad small"> {error}</span>}
    </label>
  );
}
