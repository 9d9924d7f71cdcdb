import type { AlertCredentials } from './alert-credentials';
import { postJson, retryAfterMs, type AlertChannel, type SendOutcome } from './alert-channel';
import { messageText, type AlertMessage } from './alert-message';

/**
 * The body for the receiver the URL points at: Discord takes `content`, Slack `text`; any
 * other endpoint gets both plus the structured fields.
 */
export function webhookBody(url: string, message: AlertMessage): Record<string, unknown> {
  const host = new URL(url).hostname;
  const text = messageText(message);
  if (host === 'discord.com' || host.endsWith('.discord.com') || host === 'discordapp.com')
    return { content: text.slice(0, 2000), username: 'Vigil', allowed_mentions: { parse: [] } };
  if (host === 'hooks.slack.com') return { text };
  return {
    content: text,
    text,
    kind: message.kind,
    title: message.title,
    body: message.body,
    at: message.at,
  };
}

/** A generic JSON webhook, Discord- and Slack-compatible. The URL itself is the secret. */
export function webhookChannel(credentials: AlertCredentials, timeoutMs = 10_000): AlertChannel {
  return {
    name: 'webhook',
    configured: async () => (await credentials.webhook()) !== null,
    async send(message: AlertMessage): Promise<SendOutcome> {
      const creds = await credentials.webhook();
      if (creds === null)
        return { ok: false, retry: false, retryAfterMs: null, error: 'no webhook URL configured' };
      let body: Record<string, unknown>;
      try {
        body = webhookBody(creds.url, message);
      } catch {
        return {
          ok: false,
          retry: false,
          retryAfterMs: null,
          error: 'the webhook URL is not a URL',
        };
      }
      const result = await postJson(creds.url, body, timeoutMs, [creds.url]);
      if (result.status === null)
        return { ok: false, retry: true, retryAfterMs: null, error: result.error };
      if (result.status >= 200 && result.status < 300) return { ok: true };
      const answer = (result.json ?? {}) as { retry_after?: number; message?: string };
      return {
        ok: false,
        retry: result.status === 429 || result.status >= 500,
        retryAfterMs: retryAfterMs(answer.retry_after),
        error: `HTTP ${result.status}${typeof answer.message === 'string' ? `: ${answer.message.slice(0, 200)}` : ''}`,
      };
    },
  };
}
