import { useMemo, type ReactElement } from 'react';
import { useSignalStore } from '../../state/signal-store';
import { useUiStore } from '../../state/ui-store';
import { filterSignals, sortSignals } from '../../view/sort-signals';
import { EmptyState } from '../layout/empty-state';
import { InstrumentList } from './instrument-list';
import { SignalRow } from './signal-row';

/** Every scanned series, PRIME first then by probability; a click charts it. */
export function SignalBoard(): ReactElement {
  const byKey = useSignalStore((s) => s.byKey);
  const filter = useUiStore((s) => s.signalFilter);
  const selected = useUiStore((s) => s.selectedSymbol);
  const timeframe = useUiStore((s) => s.timeframe);
  const selectSignal = useUiStore((s) => s.selectSignal);
  const setFilter = useUiStore((s) => s.setSignalFilter);
  const rows = useMemo(
    () => filterSignals(sortSignals(Object.values(byKey)), filter),
    [byKey, filter],
  );
  return (
    <div className="signal-board">
      <input
        className="board-filter"
        data-testid="signal-filter"
        placeholder="Filter symbol or tier…"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {rows.length > 0 && (
        <table className="grid-table" data-testid="signal-board">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>Tier</th>
              <th title="Direction">Dir</th>
              <th className="num">P</th>
              <th className="num">EV bps</th>
              <th className="num">Score</th>
              <th className="num">In tier</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <SignalRow
                key={s.key}
                signal={s}
                selected={s.instrument === selected && s.timeframe === timeframe}
                onSelect={selectSignal}
              />
            ))}
          </tbody>
        </table>
      )}
      {rows.length === 0 && (
        <EmptyState
          text={
            Object.keys(byKey).length === 0
              ? 'No signals received from the scanner yet. Symbols the feed serves:'
              : 'No signal matches the filter.'
          }
        />
      )}
      {rows.length === 0 && <InstrumentList />}
    </div>
  );
}
