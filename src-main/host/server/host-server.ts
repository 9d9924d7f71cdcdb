import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Engine } from '../../engine/engine';
import { MAX_COMMAND_BYTES } from '../../../src-shared/contract/wire';
import { TOKEN_COOKIE, authenticate, isAllowedOrigin, isLoopbackHost } from './auth';
import { MalformedPathError, readStaticFile } from './static-files';
import { attachWsTransport } from './ws-transport';

export interface HostServerOptions {
  readonly engine: Engine;
  /** Port to listen on; 0 picks a free one. Always bound to 127.0.0.1. */
  readonly port: number;
  readonly token: string;
  /** Folder of the built renderer (index.html and assets). */
  readonly rendererDir: string;
  readonly onError: (error: unknown) => void;
}

export interface HostServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} on 127.0.0.1 is already in use; pick another with --port.`);
    this.name = 'PortInUseError';
  }
}

/**
 * The headless host's HTTP + WebSocket server: serves the built renderer and the contract on
 * 127.0.0.1 only, behind a random token (URL on first visit, then an HttpOnly cookie).
 */
export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  // Frames over the contract limit are still read (up to 16x) so they get a typed TOO_LARGE
  // reply; only absurd frames make ws close the connection.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_COMMAND_BYTES * 16 });
  attachWsTransport(wss, {
    handlers: options.engine.handlers,
    subscribe: (listener) => options.engine.events.subscribe(listener),
    onError: options.onError,
  });

  let port = options.port;
  const server: Server = createServer((request, response) => {
    handleHttp(request, response, options, port).catch((error: unknown) => {
      options.onError(error);
      if (!response.headersSent) response.writeHead(500).end('Internal error');
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const ok =
      url.pathname === '/ws' &&
      isLoopbackHost(request.headers.host, port) &&
      isAllowedOrigin(request.headers.origin, port) &&
      authenticate(request, url, options.token) !== null;
    if (!ok) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(options.port) : error);
    });
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  port = address.port;

  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${options.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handleHttp(
  request: IncomingMessage,
  response: ServerResponse,
  options: HostServerOptions,
  port: number,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (!isLoopbackHost(request.headers.host, port)) {
    response.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
    return;
  }
  const auth = authenticate(request, url, options.token);
  if (auth === null) {
    response
      .writeHead(401, { 'content-type': 'text/plain; charset=utf-8' })
      .end('Unauthorized: open the URL with the token that `vigil serve` printed.');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let file;
  try {
    file = await readStaticFile(options.rendererDir, url.pathname);
  } catch (error) {
    if (!(error instanceof MalformedPathError)) throw error;
    response
      .writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
      .end(`Bad request: ${error.message}`);
    return;
  }
  if (file === null) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  const headers: Record<string, string> = {
    'content-type': file.contentType,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // No inline styles but one: the chart library's attribution logo, allowed by its hash.
    'content-security-policy':
      `default-src 'self'; script-src 'self'; style-src 'self' 'sha256-3pRED1tOXas1FXFoPb9TGCjmYe9XQsmO9OV23khV2nY='; ` +
      `img-src 'self' data:; font-src 'self'; connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}; ` +
      `object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`,
  };
  if (auth === 'query') {
    headers['set-cookie'] = `${TOKEN_COOKIE}=${options.token}; HttpOnly; SameSite=Strict; Path=/`;
  }
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : file.body);
}
