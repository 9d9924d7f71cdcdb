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

export const AlertChannelStatusSchema = z.object({
  channel: AlertChannelNameSchema,
  enabled: z.boolean(),
  /** Whether its credentials are present (never the credentials themselves). */
  configured: z.boolean(),
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
  channels: z.array(AlertChannelStatusSchema),
});
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

export const alertCommands = {
  getAlertStatus: { input: z.object({}).strict(), output: AlertStatusSchema },
  setAlertSettings: {
    input: z.object({ changes: AlertSettingsSchema.partial() }).strict(),
    output: AlertSettingsSchema,
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
