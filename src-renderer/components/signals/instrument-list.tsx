import { useMemo, type ReactElement } from 'react';
import { useMarketStore } from '../../state/market-store';
import { useUiStore } from '../../state/ui-store';
import { instrumentsOf } from '../../view/instruments';

/**
 * The feed's instruments, for charting while the scanner (and so the signal board) is not in
 * this build. No tier or probability is shown because none exists.
 */
export function InstrumentList(): ReactElement {
  const series = useMarketStore((s) => s.series);
  const selected = useUiStore((s) => s.selectedSymbol);
  const select = useUiStore((s) => s.selectSymbol);
  const filter = useUiStore((s) => s.signalFilter.trim().toUpperCase());
  const rows = useMemo(
    () =>
      instrumentsOf(series).filter((i) => filter === '' || i.symbol.toUpperCase().includes(filter)),
    [series, filter],
  );
  if (rows.length === 0) return <p className="empty">The feed serves no symbols yet.</p>;
  return (
    <table className="grid-table" data-testid="instrument-list">
      <thead>
        <tr>
          <th>Symbol</th>
          <th>Venue</th>
          <th>Timeframes</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((i) => (
          <tr
            key={i.id}
            className={`signal-row${i.id === selected ? ' selected' : ''}`}
            aria-selected={i.id === selected}
            data-testid="instrument-row"
            data-symbol={i.symbol}
            onClick={() => select(i.id)}
          >
            <td className="sym">{i.symbol}</td>
            <td className="muted">{i.exchange}</td>
            <td className="muted small">{i.timeframes.join(' ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
