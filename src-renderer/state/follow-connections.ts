import type { VigilClient } from '../../src-shared/contract/client';
import { useConnectionsStore } from './connections-store';
import { useEngineStore } from './engine-store';
import { errorText } from './error-text';
import { useMarketStore } from './market-store';
import { useSignalStore } from './signal-store';
import { useToastStore } from './toast-store';

/**
 * Connections: loaded on connect, then followed through connectionsChanged. When the engine
 * starts playing another source (replay <-> live, or another set of exchanges) the board's
 * signals came from prices no longer played: they are dropped. Returns an unsubscribe.
 */
export function followConnections(client: VigilClient): () => void {
  const load = (): void => {
    client.call('listConnections', {}).then(
      (list) => useConnectionsStore.getState().setList(list),
      (error: unknown) =>
        useToastStore
          .getState()
          .push('error', 'Connections', `Could not load: ${errorText(error)}`),
    );
  };
  if (useEngineStore.getState().connection === 'open') load();
  const offs = [
    useEngineStore.subscribe((state, previous) => {
      if (state.connection === 'open' && previous.connection !== 'open') load();
    }),
    client.on('connectionsChanged', (list) => useConnectionsStore.getState().setList(list)),
    useMarketStore.subscribe((state, previous) => {
      const before = previous.feed?.feed;
      if (before !== undefined && state.feed !== null && state.feed.feed !== before) {
        useSignalStore.getState().clear();
      }
    }),
  ];
  return () => offs.forEach((off) => off());
}
