import { z } from 'zod';

/** Optional alert events; halts and kills are always sent and have no switch. */
export const AlertSettingsSchema = z
  .object({
    telegram: z.boolean(),
    webhook: z.boolean(),
    fills: z.boolean(),
    refusals: z.boolean(),
    prime: z.boolean(),
    dailySummary: z.boolean(),
    /** Local time of the daily summary in the trader's zone (the risk config's time zone). */
    dailySummaryAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)'),
    /** Messages per channel per minute; what exceeds it is summarized, never lost silently. */
    perMinute: z.number().int().min(1).max(60),
  })
  .strict();
export type AlertSettings = z.infer<typeof AlertSettingsSchema>;

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  telegram: false,
  webhook: false,
  fills: true,
  refusals: true,
  prime: false,
  dailySummary: false,
  dailySummaryAt: '22:00',
  perMinute: 12,
};

export const AlertChannelNameSchema = z.enum(['telegram', 'webhook']);
export type AlertChannelName = z.infer<typeof AlertChannelNameSchema>;

/**
 * A channel's secret as anyone outside the engine may see it: whether one is stored in the OS
 * keychain, its last four characters and when it was set. Never the secret itself.
 */
export const AlertSecretStatusSchema = z.object({
  channel: AlertChannelNameSchema,
  set: z.boolean(),
  /** '…' and the last 4 characters of the bot token or the webhook URL. */
  hint: z.string().nullable(),
  setAt: z.number().int().nullable(),
});
export type AlertSecretStatus = z.infer<typeof AlertSecretStatusSchema>;

/** What the trader hands over for a channel: it goes to the keychain and never comes back. */
export const AlertSecretInputSchema = z.discriminatedUnion('channel', [
  z
    .object({
      channel: z.literal('telegram'),
      botToken: z.string().max(256),
      chatId: z.string().max(64),
    })
    .strict(),
  z.object({ channel: z.literal('webhook'), url: z.string().max(2048) }).strict(),
]);
export type AlertSecretInput = z.infer<typeof AlertSecretInputSchema>;

export const AlertChannelStatusSchema = z.object({
  channel: AlertChannelNameSchema,
  enabled: z.boolean(),
  /** Whether its credentials could be read from the keychain (never the credentials). */
  configured: z.boolean(),
  secret: AlertSecretStatusSchema.omit({ channel: true }),
  queued: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
  /** The last failure to deliver (after every retry), until a later message gets through. */
  failure: z
    .object({
      at: z.number().int(),
      title: z.string(),
      error: z.string(),
      attempts: z.number().int(),
    })
    .nullable(),
});
export type AlertChannelStatus = z.infer<typeof AlertChannelStatusSchema>;

export const AlertStatusSchema = z.object({
  settings: AlertSettingsSchema,
  /** The zone the daily summary's time is in: the risk config's trading-day zone. */
  timeZone: z.string(),
  channels: z.array(AlertChannelStatusSchema),
});
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

export const alertCommands = {
  getAlertStatus: { input: z.object({}).strict(), output: AlertStatusSchema },
  setAlertSettings: {
    input: z.object({ changes: AlertSettingsSchema.partial() }).strict(),
    output: AlertSettingsSchema,
  },
  /** Stores (or replaces) a channel's secret in the OS keychain; answers its masked status. */
  setAlertSecret: { input: AlertSecretInputSchema, output: AlertSecretStatusSchema },
  /** Removes a channel's secret from the keychain. */
  deleteAlertSecret: {
    input: z.object({ channel: AlertChannelNameSchema }).strict(),
    output: AlertSecretStatusSchema,
  },
  /** Sends a test message on every enabled channel; the outcome shows in the status. */
  sendTestAlert: {
    input: z.object({}).strict(),
    output: z.object({ queued: z.array(AlertChannelNameSchema) }),
  },
} as const;

export const alertEvents = {
  alertStatusChanged: AlertStatusSchema,
} as const;
