import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { CommandHandlers } from '../../../../src-shared/contract/handlers';
import { attachWsTransport } from '../../../../src-main/host/server/ws-transport';
import { TestWsClient } from '../../../support/ws-client';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A transport on 127.0.0.1 serving `handlers`; errors it logs are collected. */
async function serve(handlers: Partial<CommandHandlers>): Promise<{
  client: TestWsClient;
  logged: unknown[];
}> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const logged: unknown[] = [];
  attachWsTransport(server, {
    handlers: handlers as CommandHandlers,
    subscribe: () => () => {},
    onError: (e) => logged.push(e),
  });
  const { port } = server.address() as AddressInfo;
  const client = await TestWsClient.connect(`ws://127.0.0.1:${port}`);
  cleanups.push(() => {
    client.close();
    server.close();
  });
  return { client, logged };
}

describe('WebSocket transport', () => {
  it('answers a request whose handler output blows up while being checked (our bug) with HANDLER_FAILED', async () => {
    // A defect inside the engine: the output throws when read. Before the fix this escaped
    // dispatchCommand, was logged, and the caller waited forever.
    const trap = Object.defineProperty({}, 'pong', {
      enumerable: true,
      get: () => {
        throw new Error('Object.prototype.hasOwnProperty.call is not a function');
      },
    });
    const { client } = await serve({
      ping: () => trap as { pong: true; at: number },
      getStatus: () => {
        throw new Error('not used');
      },
    });
    client.sendRaw(JSON.stringify({ id: 1, command: 'ping', input: {} }));
    client.sendRaw(JSON.stringify({ id: 2, command: 'getStatus', input: {} }));
    // Replies go out in order; once the second is here, the first must have been answered.
    expect((await client.reply(2)).result).toMatchObject({
      ok: false,
      error: { code: 'HANDLER_FAILED' },
    });
    expect(client.taken((f) => f.type === 'reply' && f.id === 1)).toMatchObject({
      result: {
        ok: false,
        error: { code: 'HANDLER_FAILED', message: expect.stringContaining('ping') },
      },
    });
  });
});
