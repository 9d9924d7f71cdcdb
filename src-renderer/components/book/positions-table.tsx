import type { ReactElement } from 'react';
import { useBookStore } from '../../state/book-store';
import { EmptyState } from '../layout/empty-state';

const tone = (pnl: string | null): string =>
  pnl === null ? '' : pnl.startsWith('-') ? 'tone-bad' : 'tone-good';

/** Open positions with PnL at the engine's mark; closing goes through the risk gate. */
export function PositionsTable(props: { onClose?: (symbol: string) => void }): ReactElement {
  const positions = useBookStore((s) => s.positions);
  const open = positions.filter((p) => Number(p.qty) !== 0);
  if (open.length === 0) return <EmptyState text="Flat: no open positions." />;
  return (
    <table className="grid-table" data-testid="positions-table">
      <thead>
        <tr>
          <th>Symbol</th>
          <th className="num">Qty</th>
          <th className="num">Entry</th>
          <th className="num">Mark</th>
          <th className="num">Unrealized</th>
          <th className="num">Realized</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {open.map((p) => (
          <tr key={`${p.bookId}:${p.symbol}`} data-testid="position-row">
            <td>{p.symbol}</td>
            <td className={`num ${p.qty.startsWith('-') ? 'tone-bad' : 'tone-good'}`}>{p.qty}</td>
            <td className="num">{p.avgEntryPrice ?? '—'}</td>
            <td className="num">{p.markPrice ?? 'no mark'}</td>
            <td className={`num ${tone(p.unrealizedPnl)}`}>{p.unrealizedPnl ?? 'no mark'}</td>
            <td className={`num ${tone(p.realizedPnl)}`}>{p.realizedPnl}</td>
            <td>
              <button
                type="button"
                data-testid="close-position"
                disabled={props.onClose === undefined}
                onClick={() => props.onClose?.(p.symbol)}
              >
                Close
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
