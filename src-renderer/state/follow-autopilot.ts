import type { VigilClient } from '../../src-shared/contract/client';
import type { AutopilotMode } from '../../src-shared/contract/plans';
import { useAutopilotStore } from './autopilot-store';
import { useEngineStore } from './engine-store';
import { errorText } from './error-text';
import { useToastStore } from './toast-store';

/** The autopilot: loaded on connect, then followed through autopilotChanged. */
export function followAutopilot(client: VigilClient): () => void {
  const load = (): void => {
    client.call('getAutopilot', { bookId: 'paper' }).then(
      (status) => useAutopilotStore.getState().setStatus(status),
      (error: unknown) =>
        useToastStore.getState().push('error', 'Autopilot', `Could not load: ${errorText(error)}`),
    );
  };
  if (useEngineStore.getState().connection === 'open') load();
  const offs = [
    useEngineStore.subscribe((state, previous) => {
      if (state.connection === 'open' && previous.connection !== 'open') load();
    }),
    client.on('autopilotChanged', (status) => {
      if (status.bookId === 'paper') useAutopilotStore.getState().setStatus(status);
    }),
  ];
  return () => offs.forEach((off) => off());
}

/** Switches the paper book's autopilot; a refusal (HALTED) becomes a toast in its words. */
export async function switchAutopilot(client: VigilClient, mode: AutopilotMode): Promise<void> {
  try {
    const status = await client.call('setAutopilot', { bookId: 'paper', mode });
    useAutopilotStore.getState().setStatus(status);
  } catch (error) {
    useToastStore.getState().push('rejection', `Autopilot ${mode} refused`, errorText(error));
  }
}
