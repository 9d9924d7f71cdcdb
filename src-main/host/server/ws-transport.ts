import type { IncomingMessage } from 'node:http';
import { ConnectionInterest } from '../../engine/connection-interest';
import { eventFrame } from '../../engine/event-frames';
import type { WebSocket, WebSocketServer } from 'ws';
import { dispatchCommand } from '../../../src-shared/contract/dispatch';
import type { CommandHandlers } from '../../../src-shared/contract/handlers';
import type { EventEnvelope } from '../../../src-shared/contract/events';
import {
  MAX_COMMAND_BYTES,
  WsRequestSchema,
  type CommandResult,
  type WsServerFrame,
} from '../../../src-shared/contract/wire';

export interface WsTransportOptions {
  readonly handlers: CommandHandlers;
  readonly subscribe: (listener: (event: EventEnvelope) => void) => () => void;
  readonly onError: (error: unknown) => void;
}

function send(socket: WebSocket, frame: WsServerFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

/** An event's frame is serialized once for every connection (by the worker, for board rows). */
function sendEvent(socket: WebSocket, event: EventEnvelope): void {
  if (socket.readyState === socket.OPEN) socket.send(eventFrame(event), { binary: false });
}

function reply(socket: WebSocket, id: number | null, result: CommandResult<unknown>): void {
  send(socket, { type: 'reply', id, result });
}

/**
 * Serves the contract over WebSocket: every frame is one command request, answered by one
 * reply frame; engine events are pushed to every connection. Malformed frames get a typed
 * error reply and the connection (and the host) keeps going.
 */
export function attachWsTransport(server: WebSocketServer, options: WsTransportOptions): void {
  server.on('connection', (socket: WebSocket, _request: IncomingMessage) => {
    const interest = new ConnectionInterest();
    const unsubscribe = options.subscribe((event) => {
      if (interest.passes(event)) sendEvent(socket, event);
    });
    socket.on('close', unsubscribe);
    socket.on('error', options.onError);
    socket.on('message', (data, isBinary) => {
      void handleFrame(socket, data as Buffer, isBinary, options, interest);
    });
  });
}

async function handleFrame(
  socket: WebSocket,
  data: Buffer,
  isBinary: boolean,
  options: WsTransportOptions,
  connection: ConnectionInterest,
): Promise<void> {
  if (data.byteLength > MAX_COMMAND_BYTES) {
    reply(socket, null, {
      ok: false,
      error: {
        code: 'TOO_LARGE',
        message: `Message of ${data.byteLength} bytes exceeds the ${MAX_COMMAND_BYTES}-byte limit.`,
      },
    });
    return;
  }
  if (isBinary) {
    reply(socket, null, {
      ok: false,
      error: { code: 'BAD_MESSAGE', message: 'Binary frames are not accepted; send JSON text.' },
    });
    return;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString('utf8'));
  } catch (error) {
    reply(socket, null, {
      ok: false,
      error: {
        code: 'BAD_JSON',
        message: `Message is not valid JSON: ${(error as Error).message}`,
      },
    });
    return;
  }
  const request = WsRequestSchema.safeParse(raw);
  if (!request.success) {
    const id = idOf(raw);
    reply(socket, id, {
      ok: false,
      error: {
        code: 'BAD_MESSAGE',
        message:
          'A request must be {"id": <non-negative integer>, "command": <string>, "input": ...}.',
      },
    });
    return;
  }
  const { id, command, input } = request.data;
  let result: CommandResult<unknown>;
  try {
    result = await dispatchCommand(options.handlers, command, input, {
      origin: 'websocket',
      connection,
    });
  } catch (error) {
    // dispatchCommand answers every failure itself; a throw here is a Vigil bug, and the
    // caller still gets a reply instead of waiting forever.
    options.onError(error);
    result = internalError(command);
  }
  try {
    reply(socket, id, result);
  } catch (error) {
    // The result could not be serialized (our bug): answer that instead of going silent.
    options.onError(error);
    reply(socket, id, internalError(command));
  }
}

function internalError(command: string): CommandResult<unknown> {
  return {
    ok: false,
    error: {
      code: 'HANDLER_FAILED',
      message: `${command.slice(0, 80)} failed: internal error in the host (see its log)`,
    },
  };
}

function idOf(raw: unknown): number | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}
