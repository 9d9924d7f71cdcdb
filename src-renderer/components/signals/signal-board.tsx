import { useMemo, type ReactElement } from 'react';
import { useMarketStore } from '../../state/market-store';
import { useSignalStore } from '../../state/signal-store';
import { useUiStore } from '../../state/ui-store';
import { boardOrder, isStale, signalAge } from '../../view/signal-age';
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
  const feedTime = useMarketStore((s) => s.feedTime);
  const rows = useMemo(() => {
    // Fresh signals first: a January signal never heads the board in May.
    return boardOrder(Object.values(byKey), filter, feedTime).map((signal) => ({
      signal,
      ageMs: signalAge(signal, feedTime),
      stale: isStale(signal, feedTime),
    }));
  }, [byKey, filter, feedTime]);
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
              <th title="Direction and tier">Tier</th>
              <th
                className="num"
                title="Probability of the target before the stop: a win chance only where it is calibrated; 'uncalibrated' marks the prior mapping"
              >
                P
              </th>
              <th
                className="num"
                title="Expected value after fees, spread and slippage, in basis points"
              >
                EV
              </th>
              <th className="num">Score</th>
              <th className="num" title="Time in the current tier (feed clock)">
                In tier
              </th>
              <th className="num" title="Age of the signal's bar on the feed clock">
                Age
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ signal, ageMs, stale }) => (
              <SignalRow
                key={signal.key}
                signal={signal}
                ageMs={ageMs}
                stale={stale}
                selected={signal.instrument === selected && signal.timeframe === timeframe}
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
