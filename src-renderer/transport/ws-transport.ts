import type { ContractTransport } from '../../src-shared/contract/client';
import type { EventEnvelope } from '../../src-shared/contract/events';
import { WsServerFrameSchema, type CommandResult } from '../../src-shared/contract/wire';

export type ConnectionState = 'connecting' | 'open' | 'closed';

function isEventFrame(raw: unknown): raw is { type: 'event'; kind: string; payload: unknown } {
  if (typeof raw !== 'object' || raw === null) return false;
  const frame = raw as Record<string, unknown>;
  return frame['type'] === 'event' && typeof frame['kind'] === 'string' && 'payload' in frame;
}

/**
 * The contract over the headless host's WebSocket. Reconnects with backoff after a drop;
 * calls made while disconnected fail at once with TRANSPORT_CLOSED rather than queueing
 * silently (a queued order sent minutes later would be worse than a visible failure).
 */
export function createWsTransport(
  url: string,
  onState: (state: ConnectionState) => void,
): ContractTransport {
  const listeners = new Set<(event: EventEnvelope) => void>();
  const pending = new Map<number, (result: CommandResult<unknown>) => void>();
  let nextId = 1;
  let socket: WebSocket;
  let retryMs = 250;

  const failPending = (message: string): void => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'TRANSPORT_CLOSED', message } });
    }
    pending.clear();
  };

  const connect = (): void => {
    onState('connecting');
    socket = new WebSocket(url);
    socket.onopen = () => {
      retryMs = 250;
      onState('open');
    };
    socket.onmessage = (message: MessageEvent<string>) => {
      let raw: unknown;
      try {
        raw = JSON.parse(message.data);
      } catch {
        console.error('Vigil: engine sent a frame that is not JSON');
        return;
      }
      // Fast path for events, which a fast replay sends by the ten thousand per second: the
      // envelope check is the same as the schema's (payloads are typed by the contract, not
      // re-validated here), without building a parse result per frame.
      if (isEventFrame(raw)) {
        const envelope = { kind: raw.kind, payload: raw.payload } as EventEnvelope;
        for (const listener of listeners) listener(envelope);
        return;
      }
      const frame = WsServerFrameSchema.safeParse(raw);
      if (!frame.success) {
        console.error('Vigil: engine sent a frame outside the contract', frame.error.message);
        return;
      }
      if (frame.data.type === 'event') {
        const envelope = { kind: frame.data.kind, payload: frame.data.payload } as EventEnvelope;
        for (const listener of listeners) listener(envelope);
      } else if (frame.data.id !== null) {
        pending.get(frame.data.id)?.(frame.data.result);
        pending.delete(frame.data.id);
      }
    };
    socket.onclose = () => {
      onState('closed');
      failPending('Connection to the Vigil engine was lost.');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();

  return {
    invoke(name, input) {
      if (socket.readyState !== WebSocket.OPEN) {
        return Promise.resolve({
          ok: false,
          error: { code: 'TRANSPORT_CLOSED', message: 'Not connected to the Vigil engine.' },
        });
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, command: name, input }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
