import { createContext, useContext } from 'react';
import type { VigilClient } from '../../src-shared/contract/client';

/** The one typed API object; provided at the root so components never build their own. */
export const ClientContext = createContext<VigilClient | null>(null);

export function useClient(): VigilClient {
  const client = useContext(ClientContext);
  if (client === null) throw new Error('useClient: no ClientContext.Provider above this component');
  return client;
}
