import type { ReactElement } from 'react';
import { useEngineStore } from '../state/engine-store';
import { formatDuration } from '../format';

/** Mode, control state and engine health — the line a trader reads first. */
export function TopBar(): ReactElement {
  const status = useEngineStore((s) => s.status);
  const connection = useEngineStore((s) => s.connection);
  const lastError = useEngineStore((s) => s.lastError);
  return (
    <header className="top-bar">
      <div className="brand">VIGIL</div>
      <div
        className={`mode-badge mode-${(status?.tradingMode ?? 'unknown').toLowerCase()}`}
        data-testid="trading-mode"
      >
        {status?.tradingMode ?? '—'}
      </div>
      <div
        className={`control-mode control-${(status?.controlMode ?? 'unknown').toLowerCase()}`}
        data-testid="control-mode"
      >
        {status?.controlMode ?? '—'}
      </div>
      <div className="spacer" />
      <dl className="engine-facts">
        <div>
          <dt>Engine</dt>
          <dd data-testid="connection" className={`conn-${connection}`}>
            {connection === 'open' ? 'connected' : connection}
          </dd>
        </div>
        <div>
          <dt>Uptime</dt>
          <dd data-testid="uptime">{status ? formatDuration(status.uptimeMs) : '—'}</dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd data-testid="version">{status?.version ?? '—'}</dd>
        </div>
        <div>
          <dt>Schema</dt>
          <dd>{status?.schemaVersion ?? '—'}</dd>
        </div>
      </dl>
      {lastError !== null && (
        <div className="error-banner" role="alert">
          {lastError}
        </div>
      )}
    </header>
  );
}
