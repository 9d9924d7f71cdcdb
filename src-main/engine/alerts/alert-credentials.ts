/** What the Telegram channel needs; both live in the OS keychain, never in the database. */
export interface TelegramCredentials {
  readonly botToken: string;
  readonly chatId: string;
}

export interface WebhookCredentials {
  /** A Discord or Slack incoming-webhook URL (or any endpoint taking JSON). Secret: it authorizes posting. */
  readonly url: string;
}

/**
 * Where the alert credentials come from. The keychain-backed implementation waits for the
 * SecretStore port; until then the hosts read them from the environment (envAlertCredentials).
 */
export interface AlertCredentials {
  telegram(): Promise<TelegramCredentials | null>;
  webhook(): Promise<WebhookCredentials | null>;
}

export const NO_ALERT_CREDENTIALS: AlertCredentials = {
  telegram: () => Promise.resolve(null),
  webhook: () => Promise.resolve(null),
};

/**
 * Credentials from VIGIL_TELEGRAM_BOT_TOKEN + VIGIL_TELEGRAM_CHAT_ID and VIGIL_ALERT_WEBHOOK_URL:
 * read when a message is sent, never written anywhere. Half a Telegram pair is an error
 * naming the missing variable, not a silently disabled channel.
 */
export function envAlertCredentials(
  env: Readonly<Record<string, string | undefined>>,
): AlertCredentials {
  const value = (name: string): string | null => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? null : v;
  };
  return {
    telegram: () => {
      const botToken = value('VIGIL_TELEGRAM_BOT_TOKEN');
      const chatId = value('VIGIL_TELEGRAM_CHAT_ID');
      if (botToken === null && chatId === null) return Promise.resolve(null);
      if (botToken === null || chatId === null)
        return Promise.reject(
          new Error(
            `telegram: ${botToken === null ? 'VIGIL_TELEGRAM_BOT_TOKEN' : 'VIGIL_TELEGRAM_CHAT_ID'} is not set (both are needed)`,
          ),
        );
      return Promise.resolve({ botToken, chatId });
    },
    webhook: () => {
      const url = value('VIGIL_ALERT_WEBHOOK_URL');
      return Promise.resolve(url === null ? null : { url });
    },
  };
}
