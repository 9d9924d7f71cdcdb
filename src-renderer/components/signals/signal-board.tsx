import { useMemo, type ReactElement } from 'react';
import { useSignalStore } from '../../state/signal-store';
import { useUiStore } from '../../state/ui-store';
import { areaAvailable } from '../../view/area-availability';
import { filterSignals, sortSignals } from '../../view/sort-signals';
import { EmptyState } from '../layout/empty-state';
import { InstrumentList } from './instrument-list';
import { SignalRow } from './signal-row';

/** Every scanned symbol, PRIME first then by probability; click selects the chart. */
export function SignalBoard(): ReactElement {
  const bySymbol = useSignalStore((s) => s.bySymbol);
  const filter = useUiStore((s) => s.signalFilter);
  const selected = useUiStore((s) => s.selectedSymbol);
  const select = useUiStore((s) => s.selectSymbol);
  const setFilter = useUiStore((s) => s.setSignalFilter);
  const rows = useMemo(() => filterSignals(sortSignals(Object.values(bySymbol)), filter), [bySymbol, filter]);
  const newest = rows.reduce((m, s) => Math.max(m, s.at), 0);
  return (
    <div className="signal-board">
      <input
        className="board-filter"
        data-testid="signal-filter"
        placeholder="Filter symbol or tier…"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {!areaAvailable('scanner') ? (
        <>
          <EmptyState area="scanner" />
          {areaAvailable('market') && <InstrumentList />}
        </>
      ) : rows.length === 0 ? (
        <EmptyState text="No signals yet: the scanner publishes after the first bar closes." />
      ) : (
        <table className="grid-table" data-testid="signal-board">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>Tier</th>
              <th className="num">P</th>
              <th className="num">EV bps</th>
              <th className="num">Score</th>
              <th className="num">In tier</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <SignalRow key={s.symbol} signal={s} selected={s.symbol === selected} now={newest} onSelect={select} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
