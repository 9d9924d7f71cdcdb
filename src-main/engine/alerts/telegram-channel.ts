import type { AlertCredentials } from './alert-credentials';
import {
  postJson,
  redact,
  retryAfterMs,
  type AlertChannel,
  type SendOutcome,
} from './alert-channel';
import { messageText, type AlertMessage } from './alert-message';

export const TELEGRAM_API = 'https://api.telegram.org';

interface TelegramAnswer {
  readonly ok?: boolean;
  readonly description?: string;
  readonly parameters?: { readonly retry_after?: number };
}

/**
 * Telegram's Bot API sendMessage. The bot token is part of the URL, so every error text is
 * redacted before it leaves; the API answers `{ ok, error_code, description,
 * parameters.retry_after }`.
 */
export function telegramChannel(
  credentials: AlertCredentials,
  apiOrigin: string = TELEGRAM_API,
  timeoutMs = 10_000,
): AlertChannel {
  return {
    name: 'telegram',
    configured: async () => (await credentials.telegram()) !== null,
    async send(message: AlertMessage): Promise<SendOutcome> {
      const creds = await credentials.telegram();
      if (creds === null)
        return {
          ok: false,
          retry: false,
          retryAfterMs: null,
          error: 'no Telegram bot token and chat id configured',
        };
      const secrets = [creds.botToken];
      const result = await postJson(
        `${apiOrigin}/bot${creds.botToken}/sendMessage`,
        { chat_id: creds.chatId, text: messageText(message), disable_web_page_preview: true },
        timeoutMs,
        secrets,
      );
      if (result.status === null)
        return { ok: false, retry: true, retryAfterMs: null, error: result.error };
      const answer = (result.json ?? {}) as TelegramAnswer;
      if (result.status === 200 && answer.ok === true) return { ok: true };
      const error = redact(
        `HTTP ${result.status}${answer.description === undefined ? '' : `: ${answer.description}`}`,
        secrets,
      );
      return {
        ok: false,
        retry: result.status === 429 || result.status >= 500,
        retryAfterMs: retryAfterMs(answer.parameters?.retry_after),
        error,
      };
    },
  };
}
