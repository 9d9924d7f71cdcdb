import { createHmac } from 'node:crypto';
import type { AccountEvent } from './binance-spot-account';
import type { StreamClient } from './local-exchange-server';
import { okxOrderPush } from './okx-trade-payloads';
import type { OkxTradingAccount } from './okx-trading-account';

/** A key the private websocket knows (the same keys the REST API checks). */
export interface OkxStreamKey {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase: string;
}

/** OKX refuses a websocket login whose timestamp (seconds) is more than 30 s from its time. */
const LOGIN_WINDOW_S = 30;

/**
 * OKX's private websocket (/ws/v5/private): `op: login` with apiKey, passphrase, timestamp
 * (seconds) and a base64 HMAC-SHA256 of timestamp + 'GET' + '/users/self/verify'; after it,
 * `op: subscribe` to the `orders` channel; then every order change of the account is pushed
 * as OKX pushes it, with the fill that caused it. A subscription before login is refused.
 */
export class OkxPrivateStream {
  private readonly loggedIn = new WeakSet<StreamClient>();
  private readonly subscribers = new Set<StreamClient>();

  constructor(
    private readonly account: OkxTradingAccount,
    private readonly keys: (apiKey: string) => OkxStreamKey | undefined,
    private readonly signClock: () => number,
  ) {
    account.onEvent((event) => this.push(event));
  }

  /** Order-channel subscribers connected now. */
  subscriberCount(): number {
    return [...this.subscribers].filter((c) => c.socket.readyState === c.socket.OPEN).length;
  }

  onFrame(client: StreamClient, request: { op?: string; args?: unknown[] }): void {
    const send = (message: unknown): void => client.socket.send(JSON.stringify(message));
    const fail = (code: string, msg: string): void =>
      send({ event: 'error', code, msg, connId: 'local' });
    if (request.op === 'login') {
      const arg = (request.args?.[0] ?? {}) as Record<string, string>;
      const key = this.keys(arg['apiKey'] ?? '');
      if (key === undefined) return fail('60005', 'Invalid apiKey');
      if (key.passphrase !== arg['passphrase']) return fail('60024', 'Wrong passphrase');
      const at = Number(arg['timestamp']);
      if (!Number.isFinite(at) || Math.abs(this.signClock() / 1000 - at) > LOGIN_WINDOW_S) {
        return fail('60006', 'Timestamp request expired');
      }
      const expected = createHmac('sha256', key.secret)
        .update(`${arg['timestamp'] ?? ''}GET/users/self/verify`)
        .digest('base64');
      if (expected !== arg['sign']) return fail('60007', 'Invalid sign');
      this.loggedIn.add(client);
      return send({ event: 'login', code: '0', msg: '', connId: 'local' });
    }
    if (request.op !== 'subscribe' && request.op !== 'unsubscribe') {
      return fail('60012', `Invalid request: ${JSON.stringify(request)}`);
    }
    for (const raw of request.args ?? []) {
      const arg = raw as { channel?: string };
      if (!this.loggedIn.has(client)) return fail('60011', 'Please log in');
      if (arg.channel !== 'orders') {
        fail('60018', `Wrong URL or channel:${arg.channel ?? ''} doesn't exist.`);
        continue;
      }
      if (request.op === 'subscribe') this.subscribers.add(client);
      else this.subscribers.delete(client);
      send({ event: request.op, arg, connId: 'local' });
    }
  }

  private push(event: AccountEvent): void {
    if (event.kind !== 'execution') return;
    const order = event.order;
    const data = [
      okxOrderPush(order, this.account.metaOf(order), this.account.spot.trades, event.trade),
    ];
    for (const client of this.subscribers) {
      if (client.socket.readyState !== client.socket.OPEN) {
        this.subscribers.delete(client);
        continue;
      }
      client.socket.send(
        JSON.stringify({
          arg: { channel: 'orders', instType: 'ANY', uid: '44705892343619584' },
          data,
        }),
      );
    }
  }
}
