import type { VigilClient } from '../../src-shared/contract/client';
import type { TradingModeStatus } from '../../src-shared/contract/trading';
import { createStatusStore, followStatus } from './follow-status';

/** The trading mode (PAPER / SHADOW / LIVE), the active book and every live book. */
export const useTradingStore = createStatusStore<TradingModeStatus>();

export function followTrading(client: VigilClient): () => void {
  const off = followStatus(
    client,
    useTradingStore,
    () => client.call('getTradingMode', {}),
    'tradingModeChanged',
    'Trading mode',
  );
  // The window title says LIVE too: a trader who alt-tabs must not misread it either.
  const offTitle = useTradingStore.subscribe((state) => {
    document.title = windowTitle(state.status);
  });
  return () => {
    off();
    offTitle();
  };
}

/** "VIGIL — LIVE on main (binance)", "VIGIL — PAPER", "VIGIL — SHADOW". */
export function windowTitle(status: TradingModeStatus | null): string {
  if (status === null) return 'Vigil';
  if (status.mode !== 'LIVE') return `VIGIL — ${status.mode}`;
  const venue = status.live.find((v) => v.connection === status.connection)?.venue;
  return `VIGIL — LIVE on ${status.connection ?? '?'}${venue === undefined ? '' : ` (${venue})`} — REAL MONEY`;
}
