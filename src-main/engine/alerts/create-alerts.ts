import type { AuditLog } from '../audit/audit-log';
import type { Clock, Scheduler } from '../clock';
import type { EventBus } from '../event-bus';
import type { Secrets } from '../secrets/secrets';
import type { Settings } from '../settings';
import { AlertSecrets } from './alert-secrets';
import { AlertSystem } from './alert-system';
import { telegramChannel } from './telegram-channel';
import { webhookChannel } from './webhook-channel';

/** Test seams of the alert channels; the hosts use none of them. */
export interface AlertTuning {
  /** Where Telegram's Bot API is (a local server in tests). */
  readonly telegramApi?: string;
  /** The wait between retries and for a rate-limit window. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export interface CreateAlertsDeps {
  readonly settings: Settings;
  readonly audit: AuditLog;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** The data folder's keychain: the channels' secrets go under purpose 'alerts'. */
  readonly secrets: Secrets;
  readonly tuning?: AlertTuning;
  readonly timeZone: () => string;
  readonly summary: () => { title: string; body: string };
  readonly initialMode: string;
  readonly onError: (error: unknown) => void;
}

/**
 * The alert system and its secrets, as both hosts run them: Telegram and the webhook read
 * their credentials from the OS keychain when they send, and a change of a secret refreshes
 * the channels' status at once.
 */
export function createAlerts(deps: CreateAlertsDeps): {
  readonly system: AlertSystem;
  readonly secrets: AlertSecrets;
} {
  const secrets = new AlertSecrets({
    secrets: deps.secrets.purpose('alerts'),
    settings: deps.settings,
    audit: deps.audit,
    clock: deps.clock,
    onChange: () => void system.refresh(),
  });
  const system = new AlertSystem({
    settings: deps.settings,
    audit: deps.audit,
    events: deps.events,
    clock: deps.clock,
    scheduler: deps.scheduler,
    channels: [telegramChannel(secrets, deps.tuning?.telegramApi), webhookChannel(secrets)],
    secretStatus: (channel) => secrets.status(channel),
    sleep: deps.tuning?.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms).unref())),
    random: deps.tuning?.random,
    timeZone: deps.timeZone,
    summary: deps.summary,
    initialMode: deps.initialMode,
    onError: deps.onError,
  });
  return { system, secrets };
}
