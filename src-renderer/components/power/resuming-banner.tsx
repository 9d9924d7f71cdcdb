import type { ReactElement } from 'react';
import { useEngineStore } from '../../state/engine-store';
import { usePowerStore } from '../../state/power-store';

const CHECK_LABEL = {
  orders: 'Orders & fills',
  balances: 'Balances',
  stops: 'Stops',
  feeds: 'Feeds',
} as const;

/**
 * Across the window while RESUMING after a sleep: trading is blocked, and each wake check
 * shows whether it passed and why not, so the trader sees what the engine waits for.
 */
export function ResumingBanner(): ReactElement | null {
  const resuming = useEngineStore((s) => s.status?.controlMode === 'RESUMING');
  const power = usePowerStore((s) => s.status);
  if (!resuming) return null;
  const slept =
    power?.sleptMs === null || power?.sleptMs === undefined
      ? ''
      : ` after ${duration(power.sleptMs)}`;
  const checks = power?.checks ?? [];
  return (
    <div className="resuming-banner" role="status" data-testid="resuming-banner">
      <strong>RESUMING</strong>
      <span className="resuming-why">
        Woke{slept}: new orders wait until every feed is fresh and the book is reconciled.
      </span>
      <ul className="wake-checks">
        {checks.length === 0 && <li className="wake-check pending">checking…</li>}
        {checks.map((c) => (
          <li
            key={c.name}
            className={`wake-check ${c.ok ? 'ok' : 'waiting'}`}
            title={c.detail}
            data-testid={`wake-check-${c.name}`}
          >
            {c.ok ? '✓' : '…'} {CHECK_LABEL[c.name]}
            {!c.ok && <span className="wake-detail">{c.detail}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)} s`;
  if (minutes < 120) return `${minutes} min`;
  return `${(minutes / 60).toFixed(1)} h`;
}
