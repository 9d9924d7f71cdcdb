import type { AlertChannelName } from '../../../src-shared/contract/alerts';
import type { AlertMessage } from './alert-message';

/** The outcome of one delivery attempt. */
export type SendOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** Worth trying again (5xx, 429, network); false for a request the receiver refuses. */
      readonly retry: boolean;
      /** The receiver asked us to wait this long (429 retry_after). */
      readonly retryAfterMs: number | null;
      /** What went wrong, with every secret already removed. */
      readonly error: string;
    };

export interface AlertChannel {
  readonly name: AlertChannelName;
  /** Whether credentials exist (asked without revealing them). */
  configured(): Promise<boolean>;
  send(message: AlertMessage): Promise<SendOutcome>;
}

/** Removes every occurrence of each secret from a text (errors may echo URLs). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('***');
  return out;
}

/**
 * POSTs JSON with a timeout and classifies the answer. Network failures and 5xx are
 * retryable, 429 carries the receiver's wait, other 4xx are final. Secrets never leave here
 * inside an error text.
 */
export async function postJson(
  url: string,
  body: unknown,
  timeoutMs: number,
  secrets: readonly string[],
): Promise<{ status: number; json: unknown } | { status: null; error: string }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = { text: text.slice(0, 300) };
    }
    return { status: response.status, json };
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    const message =
      error instanceof Error ? `${error.name}: ${error.message}${cause}` : String(error);
    return { status: null, error: redact(message, secrets) };
  }
}

/** Seconds (as Telegram and Discord send them) to milliseconds, when it is a sane number. */
export function retryAfterMs(seconds: unknown): number | null {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
    ? Math.min(Math.ceil(seconds * 1000), 300_000)
    : null;
}
