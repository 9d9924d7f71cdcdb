import type { VigilClient } from '../../src-shared/contract/client';
import type { ScannerSignal, SignalRow, Tier } from '../../src-shared/contract/scanner';
import { mapSignal } from '../view/map-signal';
import type { SignalView } from '../view/signal-view';
import { instrumentId, seriesKey, useMarketStore } from './market-store';
import { useSignalStore } from './signal-store';
import { useEngineStore } from './engine-store';
import { errorText } from './error-text';
import { useToastStore } from './toast-store';

const TIER_COLOURS: Readonly<Record<Tier, string>> = {
  PRIME: '#2ea043',
  WATCH: '#d29922',
  IGNORE: '#8b949e',
  FAILED: '#f85149',
};

/**
 * Signals and tier changes. The board loads the engine's latest row per market on connect,
 * then follows every batch of evaluations (IGNORE included), applied once per frame like
 * bars; tier changes become chart markers, PRIME ones a toast. Returns an unsubscribe.
 */
export function followScanner(
  client: VigilClient,
  timeframeMs: (tf: ScannerSignal['timeframe']) => number,
  schedule: (run: () => void) => void,
): () => void {
  let pending: SignalRow[] = [];
  let epoch: number | null = null;
  const flush = (): void => {
    const batch = pending;
    pending = [];
    const mapped = new Map<string, SignalView>();
    for (const signal of batch) {
      const key = seriesKey(instrumentId(signal.exchange, signal.symbol), signal.timeframe);
      mapped.set(key, mapSignal(signal));
    }
    useSignalStore.getState().upsertMany([...mapped.values()]);
  };
  const receive = (rows: readonly SignalRow[]): void => {
    if (rows.length === 0) return;
    const first = pending.length === 0;
    for (const row of rows) pending.push(row);
    if (first) schedule(flush);
    // A hidden window gets no animation frames; do not let the queue grow without bound.
    else if (pending.length >= 5000) flush();
  };
  const loadBoard = (): void => {
    client.call('listSignals', {}).then(
      (rows) => receive(rows),
      (error: unknown) =>
        useToastStore
          .getState()
          .push('error', 'Signal board', `Could not load: ${errorText(error)}`),
    );
  };
  if (useEngineStore.getState().connection === 'open') loadBoard();
  const offs = [
    useEngineStore.subscribe((state, previous) => {
      if (state.connection === 'open' && previous.connection !== 'open') loadBoard();
    }),
    client.on('boardUpdated', (update) => receive(update.rows)),
    client.on('replayChanged', (state) => {
      // A jump in the replay: the engine re-warms the scanner there and re-sends the board.
      if (epoch !== null && state.epoch !== epoch) {
        pending = [];
        useSignalStore.getState().clear();
      }
      epoch = state.epoch;
    }),
    client.on('tierChanged', (change) => {
      const instrument = instrumentId(change.exchange, change.symbol);
      const key = seriesKey(instrument, change.timeframe);
      useMarketStore.getState().addMarkers([
        {
          key,
          marker: {
            // `at` is the bar's close; the marker sits on that bar (its open).
            at: change.at - timeframeMs(change.timeframe),
            kind: 'tier',
            text: `${change.from}→${change.to}`,
            position: change.to === 'PRIME' ? 'below' : 'above',
            colour: TIER_COLOURS[change.to],
          },
        },
      ]);
      if (change.to === 'PRIME') {
        useToastStore
          .getState()
          .push(
            'prime',
            `PRIME: ${change.symbol} ${change.timeframe}`,
            `P ${change.probability === null ? '—' : `${(change.probability * 100).toFixed(1)}%`}, EV ${change.evBps === null ? '—' : `${change.evBps.toFixed(1)} bps`} — ${change.reason}`,
          );
      }
    }),
  ];
  return () => offs.forEach((off) => off());
}
