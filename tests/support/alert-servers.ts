import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Engine } from '../../src-main/engine/engine';
import type { AddressInfo } from 'node:net';

interface Scripted {
  readonly status: number;
  readonly body: unknown;
}

/** A local HTTP server on 127.0.0.1 that records every request and answers as scripted. */
abstract class RecordingServer {
  readonly requests: Array<{ path: string; body: unknown }> = [];
  private readonly script: Scripted[] = [];
  private server: Server | undefined;
  private origin = '';

  async start(): Promise<void> {
    const server = createServer((req, res) => this.receive(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  get base(): string {
    return this.origin;
  }

  /** The next `count` requests get this answer instead of the normal one. */
  failNext(status: number, body: unknown, count = 1): void {
    for (let i = 0; i < count; i += 1) this.script.push({ status, body });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server === undefined ? resolve() : this.server.close(() => resolve()),
    );
  }

  protected abstract answer(path: string, body: unknown): Scripted;

  private receive(req: IncomingMessage, res: ServerResponse): void {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // recorded as text
      }
      const path = req.url ?? '/';
      this.requests.push({ path, body });
      const scripted = this.script.shift() ?? this.answer(path, body);
      res.writeHead(scripted.status, { 'content-type': 'application/json' });
      res.end(scripted.body === null ? '' : JSON.stringify(scripted.body));
    });
  }
}

/**
 * Telegram's Bot API as far as sendMessage goes: the token in the path, `{ ok, result }` on
 * success, `{ ok: false, error_code, description }` for a wrong token or chat.
 */
export class LocalTelegramServer extends RecordingServer {
  readonly messages: Array<{ chatId: string; text: string }> = [];

  constructor(
    readonly token: string,
    readonly chatId: string,
  ) {
    super();
  }

  protected answer(path: string, body: unknown): Scripted {
    if (path !== `/bot${this.token}/sendMessage`)
      return { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } };
    const b = body as { chat_id?: unknown; text?: unknown };
    if (String(b.chat_id) !== this.chatId)
      return {
        status: 400,
        body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
      };
    this.messages.push({ chatId: String(b.chat_id), text: String(b.text) });
    return {
      status: 200,
      body: { ok: true, result: { message_id: this.messages.length, text: b.text } },
    };
  }
}

/** A Discord-style webhook: POST to /api/webhooks/<id>/<secret>, 204 on success. */
export class LocalWebhookServer extends RecordingServer {
  readonly received: unknown[] = [];
  readonly secret = 'whsec-0123456789abcdef';

  get url(): string {
    return `${this.base}/api/webhooks/42/${this.secret}`;
  }

  protected answer(path: string, body: unknown): Scripted {
    if (path !== `/api/webhooks/42/${this.secret}`)
      return { status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } };
    this.received.push(body);
    return { status: 204, body: null };
  }
}

/** A Telegram server accepting `token` for `chatId` and a webhook, both started. */
export async function startAlertServers(
  token: string,
  chatId: string,
): Promise<{ telegram: LocalTelegramServer; webhook: LocalWebhookServer; stop(): Promise<void> }> {
  const telegram = new LocalTelegramServer(token, chatId);
  const webhook = new LocalWebhookServer();
  await telegram.start();
  await webhook.start();
  return {
    telegram,
    webhook,
    stop: async () => {
      await telegram.stop();
      await webhook.stop();
    },
  };
}

/** Removes a test's alert secrets from the (real) keychain it stored them in. */
export async function forgetAlertSecrets(engine: Pick<Engine, 'secrets'>): Promise<void> {
  const keychain = engine.secrets.purpose('alerts');
  await keychain.delete('telegram');
  await keychain.delete('webhook');
}
