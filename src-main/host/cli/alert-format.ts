import type {
  AlertChannelName,
  AlertSecretStatus,
  AlertStatus,
} from '../../../src-shared/contract/alerts';

const iso = (at: number): string => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');

const SECRET_NAME: Readonly<Record<AlertChannelName, string>> = {
  telegram: 'bot token and chat id',
  webhook: 'URL',
};

/** A channel's secret in one line: never more of it than its last four characters. */
export function alertSecretLine(
  secret: Pick<AlertSecretStatus, 'channel' | 'set' | 'hint' | 'setAt'>,
): string {
  const what = SECRET_NAME[secret.channel];
  if (!secret.set) return `no ${what} set`;
  return `${what} ${secret.hint ?? ''} set${secret.setAt === null ? '' : ` ${iso(secret.setAt)}`} (in the OS keychain)`;
}

const onOff = (on: boolean): string => (on ? 'on' : 'off');

/** `vigil alerts show`: each channel, its secret's masked status, deliveries, and the events. */
export function formatAlertStatus(status: AlertStatus): string {
  const s = status.settings;
  const lines: string[] = [];
  for (const c of status.channels) {
    lines.push(
      `${c.channel}: ${onOff(c.enabled)}; ${alertSecretLine({ channel: c.channel, ...c.secret })}; sent ${c.sent}, queued ${c.queued}`,
    );
    if (c.failure !== null) {
      lines.push(
        `  NOT DELIVERED ${iso(c.failure.at)}: “${c.failure.title}”: ${c.failure.error} (${c.failure.attempts} attempt(s))`,
      );
    }
  }
  lines.push(
    `events: halts and kills always; fills ${onOff(s.fills)}; refusals ${onOff(s.refusals)}; PRIME signals ${onOff(s.prime)}; daily summary ${onOff(s.dailySummary)} at ${s.dailySummaryAt} ${status.timeZone}`,
    `rate limit: ${s.perMinute} messages a minute per channel (more are sent as one digest)`,
  );
  return `${lines.join('\n')}\n`;
}
