import { useState, type ReactElement } from 'react';
import type { MarketSource } from '../../../src-shared/domain/connection';
import { useClient } from '../../state/client-context';
import { useConnectionsStore } from '../../state/connections-store';
import { errorText } from '../../state/error-text';

/** Replay or live prices: the engine remembers the choice. */
export function SourceSwitch(): ReactElement {
  const client = useClient();
  const list = useConnectionsStore((s) => s.list);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const source = list?.source ?? 'replay';
  const noConnection = (list?.connections.filter((c) => c.enabled).length ?? 0) === 0;
  const choose = (next: MarketSource): void => {
    setBusy(true);
    setError(null);
    client.call('setMarketSource', { source: next }).then(
      (updated) => {
        useConnectionsStore.getState().setList(updated);
        setBusy(false);
      },
      (e: unknown) => {
        setError(errorText(e));
        setBusy(false);
      },
    );
  };
  const option = (
    value: MarketSource,
    label: string,
    disabled: boolean,
    why?: string,
  ): ReactElement => (
    <button
      type="button"
      role="radio"
      aria-checked={source === value}
      className={source === value ? 'active' : ''}
      data-testid={`source-${value}`}
      disabled={busy || disabled}
      title={why}
      onClick={() => choose(value)}
    >
      {label}
    </button>
  );
  return (
    <div className="source-switch">
      <div role="radiogroup" aria-label="Prices the engine plays" className="segmented">
        {option('replay', 'Replay', false)}
        {option(
          'live',
          'Live prices',
          noConnection,
          noConnection ? 'Add a connection first' : undefined,
        )}
      </div>
      <span className="muted small">
        {list === null
          ? ''
          : list.sourceChosen
            ? 'Your choice, remembered across restarts.'
            : source === 'live'
              ? 'Default with a connection: live prices.'
              : 'Default with no connection: the bundled replay.'}
      </span>
      {error !== null && (
        <p className="tone-bad small" role="alert" data-testid="source-error">
          {error}
        </p>
      )}
    </div>
  );
}
