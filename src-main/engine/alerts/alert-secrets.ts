import { z } from 'zod';
import type {
  AlertChannelName,
  AlertSecretInput,
  AlertSecretStatus,
} from '../../../src-shared/contract/alerts';
import { CommandRefusal } from '../../../src-shared/contract/command-refusal';
import {
  telegramChatIdProblem,
  telegramTokenProblem,
  webhookUrlProblem,
} from '../../../src-shared/domain/alert-secrets';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { maskTail } from '../secrets/mask-tail';
import { jsonOrUndefined } from '../secrets/json-or-undefined';
import type { PurposeSecrets } from '../secrets/secrets';
import type { Settings } from '../settings';
import type {
  AlertCredentials,
  TelegramCredentials,
  WebhookCredentials,
} from './alert-credentials';

/** Where the masked tails and set times live (not secret); the secrets are in the keychain. */
const RECORD_KEY = 'alert_secrets';

const SecretRecord = z.object({ hint: z.string(), setAt: z.number().int() }).strict();
const SecretRecords = z
  .object({ telegram: SecretRecord.optional(), webhook: SecretRecord.optional() })
  .strict();
type SecretRecords = z.infer<typeof SecretRecords>;

const StoredTelegram = z
  .object({ botToken: z.string().min(1), chatId: z.string().min(1) })
  .strict();
const StoredWebhook = z.object({ url: z.string().min(1) }).strict();

const LABEL: Readonly<Record<AlertChannelName, string>> = {
  telegram: 'Telegram',
  webhook: 'webhook',
};

/**
 * An alert secret request refused, or a stored one unusable; the message names the problem
 * and never the secret. INVALID_INPUT for what was typed, REFUSED for state.
 */
export class AlertSecretError extends CommandRefusal {
  constructor(message: string, code: 'INVALID_INPUT' | 'REFUSED' = 'INVALID_INPUT') {
    super(code, message);
    this.name = 'AlertSecretError';
  }
}

export interface AlertSecretsDeps {
  /** The keychain, purpose 'alerts': one entry per channel. */
  readonly secrets: PurposeSecrets;
  readonly settings: Settings;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** Told after a channel's secret was set, replaced or deleted. */
  readonly onChange?: (channel: AlertChannelName) => void;
}

/**
 * The alert channels' secrets — Telegram's bot token and chat id, the webhook URL (Discord and
 * Slack URLs carry their token) — stored only in the OS keychain, described in SQLite by a
 * masked tail and when it was set. Setting, replacing and deleting are audited with the channel
 * and the masked tail only. The credentials go to the channels when a message is sent, read
 * from the keychain each time (a replaced token applies at once); no command returns them.
 */
export class AlertSecrets implements AlertCredentials {
  private records: SecretRecords;

  constructor(private readonly deps: AlertSecretsDeps) {
    this.records = deps.settings.get(RECORD_KEY, (v) => SecretRecords.parse(v), {});
  }

  status(channel: AlertChannelName): AlertSecretStatus {
    const record = this.records[channel];
    return {
      channel,
      set: record !== undefined,
      hint: record?.hint ?? null,
      setAt: record?.setAt ?? null,
    };
  }

  /**
   * Stores (or replaces) a channel's secret. Refused before anything is stored when the input
   * is malformed; a keychain that cannot store it (none, locked) stores nothing.
   */
  async set(input: AlertSecretInput, actor: string): Promise<AlertSecretStatus> {
    const { channel } = input;
    const problems =
      input.channel === 'telegram'
        ? [telegramTokenProblem(input.botToken), telegramChatIdProblem(input.chatId)]
        : [webhookUrlProblem(input.url)];
    const problem = problems.find((p) => p !== null);
    if (problem !== undefined && problem !== null) {
      throw new AlertSecretError(`${LABEL[channel]}: ${problem}; nothing was stored`);
    }
    const stored =
      input.channel === 'telegram'
        ? { botToken: input.botToken, chatId: input.chatId }
        : { url: input.url };
    const replaced = this.records[channel] !== undefined;
    await this.deps.secrets.set(channel, JSON.stringify(stored));
    const hint = maskTail(input.channel === 'telegram' ? input.botToken : input.url);
    this.write({ ...this.records, [channel]: { hint, setAt: this.deps.clock.now() } });
    this.deps.audit.append({
      kind: replaced ? 'alert.secret_replaced' : 'alert.secret_set',
      actor,
      payload: { channel, hint },
    });
    this.deps.onChange?.(channel);
    return this.status(channel);
  }

  async delete(channel: AlertChannelName, actor: string): Promise<AlertSecretStatus> {
    const record = this.records[channel];
    if (record === undefined) {
      throw new AlertSecretError(`no ${LABEL[channel]} secret is set`, 'REFUSED');
    }
    await this.deps.secrets.delete(channel);
    this.write({ ...this.records, [channel]: undefined });
    this.deps.audit.append({
      kind: 'alert.secret_deleted',
      actor,
      payload: { channel, hint: record.hint },
    });
    this.deps.onChange?.(channel);
    return this.status(channel);
  }

  telegram(): Promise<TelegramCredentials | null> {
    return this.read('telegram', StoredTelegram);
  }

  webhook(): Promise<WebhookCredentials | null> {
    return this.read('webhook', StoredWebhook);
  }

  /**
   * A channel with no secret set is not configured (null). One set but missing from the
   * keychain, or unreadable, is an error naming the channel: the trader believes alerts reach
   * them, so this must show, never read as "not configured".
   */
  private async read<T>(channel: AlertChannelName, schema: z.ZodType<T>): Promise<T | null> {
    const record = this.records[channel];
    if (record === undefined) return null;
    const stored = await this.deps.secrets.get(channel);
    if (stored === null) {
      throw new AlertSecretError(
        `the ${LABEL[channel]} secret ${record.hint} (set ${new Date(record.setAt).toISOString()}) is missing from the OS keychain; set it again with \`vigil alerts secret set ${channel}\` or in the cockpit's Settings`,
        'REFUSED',
      );
    }
    const parsed = schema.safeParse(jsonOrUndefined(stored));
    if (!parsed.success) {
      throw new AlertSecretError(
        `the keychain entry for the ${LABEL[channel]} secret is not a Vigil alert secret; set it again`,
        'REFUSED',
      );
    }
    return parsed.data;
  }

  private write(records: SecretRecords): void {
    this.deps.settings.set(RECORD_KEY, records);
    this.records = records;
  }
}
