import type { ContractTransport } from '../../src-shared/contract/client';
import { createWsTransport, type ConnectionState } from './ws-transport';

declare global {
  interface Window {
    /** Present only inside Electron, exposed by the preload script. */
    readonly vigilBridge?: ContractTransport;
  }
}

/**
 * Electron's preload bridge when present, else the headless host's WebSocket on the page's own
 * origin. The token from the URL is used once and then removed from the address bar; the host
 * has set an HttpOnly cookie for reloads.
 */
export function pickTransport(onState: (state: ConnectionState) => void): ContractTransport {
  if (window.vigilBridge !== undefined) {
    onState('open');
    return window.vigilBridge;
  }
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token');
  if (token !== null) window.history.replaceState(null, '', window.location.pathname);
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return createWsTransport(`ws://${window.location.host}/ws${query}`, onState);
}
