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
 * Where the channels get their credentials when they send: the OS keychain, through
 * AlertSecrets. Null means the trader set none; a secret set but unreadable is an error.
 */
export interface AlertCredentials {
  telegram(): Promise<TelegramCredentials | null>;
  webhook(): Promise<WebhookCredentials | null>;
}
