import type { KeyVerification } from '../../../src-shared/domain/connection';
import { createCcxtExchange, type ExchangeCredentials } from '../market/ccxt-exchange';
import {
  capabilitiesOf,
  type ExchangeCapabilities,
} from '../market/exchanges/exchange-capabilities';
import type { KeyPermissions } from '../market/exchanges/key-permissions';
import { redact } from './redact';

export interface PermissionCheckInput {
  readonly exchange: string;
  readonly apiOrigin: string | null;
  readonly credentials: ExchangeCredentials;
  readonly now: () => number;
  readonly timeoutMs?: number;
}

/** The check itself, as the key service sees it (tests inject their own clocks, not this). */
export type PermissionCheck = (input: PermissionCheckInput) => Promise<KeyVerification>;

/**
 * Asks the exchange what a key may do, through ccxt's implicit API (the exchange's own
 * endpoint, signed by ccxt), and turns the answer into a verdict. A key that can withdraw or
 * move funds is refused for live trading; trading disabled or no IP allowlist are warnings.
 * Anything that goes wrong — network, 5xx, a body that is not the documented shape, the key
 * rejected — makes the key "unverified", never passed. Messages never carry key material.
 */
export const checkKeyPermissions: PermissionCheck = async (input) => {
  const caps = capabilitiesOf(input.exchange);
  const at = input.now();
  const endpoint = caps.permissions;
  if (endpoint === null) {
    return {
      at,
      verdict: 'unverifiable',
      summary: `${caps.label} has no endpoint that reports a key's permissions: Vigil cannot tell whether this key can withdraw. ${caps.tradeOnlyKeyHelp}`,
      permissions: [],
      warnings: [],
    };
  }
  let permissions: KeyPermissions;
  try {
    const client = await createCcxtExchange(input.exchange, {
      apiOrigin: input.apiOrigin ?? undefined,
      credentials: input.credentials,
      timeoutMs: input.timeoutMs ?? 10_000,
    });
    const method = (client as unknown as Record<string, unknown>)[endpoint.method];
    if (typeof method !== 'function') {
      throw new Error(`this ccxt version has no ${endpoint.method}`);
    }
    const response: unknown = await (method as (params: object) => Promise<unknown>).call(
      client,
      {},
    );
    permissions = endpoint.parse(response);
  } catch (error) {
    const reason = redact(describe(error), input.credentials);
    const advice = rejectionAdvice(caps, reason);
    return {
      at,
      verdict: 'unverified',
      summary: `permission check ${endpoint.endpoint} failed, so the key is not verified: ${reason}${advice}`,
      permissions: [],
      warnings: [],
    };
  }
  return verdictOf(input.exchange, permissions, at);
};

/** The verdict on what the exchange reported. */
export function verdictOf(exchange: string, p: KeyPermissions, at: number): KeyVerification {
  const caps = capabilitiesOf(exchange);
  const flags = [...p.flags];
  if (p.withdraw || p.transfer) {
    const can = [p.withdraw ? 'withdraw' : null, p.transfer ? 'transfer' : null]
      .filter((x) => x !== null)
      .join(' and ');
    return {
      at,
      verdict: 'refused',
      summary: `this key can ${can} funds (${p.fundMovers.join(', ')}): refused for live trading. Create a trade-only key instead. ${caps.tradeOnlyKeyHelp}`,
      permissions: flags,
      warnings: [],
    };
  }
  const warnings: string[] = [];
  if (!p.trade) {
    warnings.push(
      `trading is disabled on this key: ${caps.label} will refuse its orders until you enable spot trading for it`,
    );
  }
  if (p.ipRestricted === false) {
    warnings.push(
      'no IP allowlist: anyone who obtains this key can use it from anywhere; restrict it to your IP addresses',
    );
  } else if (p.ipRestricted === null) {
    warnings.push(`${caps.label} does not report IP allowlists: check this key's on the exchange`);
  }
  return {
    at,
    verdict: 'passed',
    summary: 'trade-only key: the exchange reports it cannot withdraw or transfer funds',
    permissions: flags,
    warnings,
  };
}

/**
 * The exchange's code for a refused key, read from the error ccxt raised (its message carries
 * the exchange's JSON body), turned into what is wrong and what to do; '' when not known.
 */
function rejectionAdvice(caps: ExchangeCapabilities, reason: string): string {
  const code = /"code"\s*:\s*"?(-?\d+)"?/.exec(reason)?.[1];
  const advice = code === undefined ? undefined : caps.keyRejections[code];
  return advice === undefined ? '' : `. ${caps.label} ${code}: ${advice}`;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const name = error.constructor.name === 'Error' ? '' : `${error.constructor.name}: `;
  // Cut URLs' query strings (signatures, timestamps) and keep the message short.
  const text = error.message.replace(/\?[^\s"']*/g, '?…');
  return `${name}${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
}
