import type { ReactElement } from 'react';
import { useEngineStore } from '../../state/engine-store';
import { useKillStore } from '../../state/kill-store';
import { useTradingStore } from '../../state/trading-store';
import { foreignOrderLines } from '../../view/foreign-order-lines';

/**
 * While HALTED and the kill is done: orders resting at a live exchange that Vigil did not place
 * (placed by hand on the exchange's website after the kill). The kill's "0 orders left" counts
 * Vigil's sweep; these are said here so none works unseen. The kill leaves them as they are:
 * one may be the trader's own stop on a position the kill left open.
 */
export function KillForeignOrders(): ReactElement | null {
  const halted = useEngineStore((s) => s.status?.controlMode === 'HALTED');
  const sweeping = useKillStore((s) => {
    const kill = s.control?.kill ?? null;
    return kill !== null && kill.phase !== 'done';
  });
  const live = useTradingStore((s) => s.status?.live ?? null);
  if (!halted || sweeping || live === null) return null;
  const lines = foreignOrderLines(live);
  if (lines.length === 0) return null;
  return (
    <div className="tone-warn small" role="alert" data-testid="kill-foreign-orders">
      {lines.map((line) => (
        <p key={line.key}>{line.text}</p>
      ))}
    </div>
  );
}
