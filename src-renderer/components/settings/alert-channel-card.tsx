import type { ReactElement } from 'react';
import type { AlertChannelStatus } from '../../../src-shared/contract/alerts';
import { formatUtc } from '../../format';
import { applyAlertSettings } from '../../state/alert-store';
import { useClient } from '../../state/client-context';
import { AlertSecretForm } from './alert-secret-form';
import { SettingToggle } from './setting-toggle';

const LABEL = { telegram: 'Telegram', webhook: 'Webhook' } as const;
const SECRET = { telegram: 'Bot token', webhook: 'URL' } as const;
const NOT_SET = {
  telegram: 'No bot token and chat id set',
  webhook: 'No webhook URL set',
} as const;

/**
 * One alert channel: on or off, its secret (set or not, the last four characters, when),
 * what it delivered, its last failure, and the masked form to set or replace the secret.
 */
export function AlertChannelCard({ c }: { readonly c: AlertChannelStatus }): ReactElement {
  const client = useClient();
  const secret = c.secret;
  return (
    <section className="settings-card drawer-card" data-testid={`alert-channel-${c.channel}`}>
      <header>
        <SettingToggle
          label={<strong>{LABEL[c.channel]}</strong>}
          checked={c.enabled}
          change={async (on) =>
            applyAlertSettings(
              await client.call('setAlertSettings', { changes: { [c.channel]: on } }),
            )
          }
          testId={`alert-enabled-${c.channel}`}
          {...(!c.enabled && !secret.set ? { lockedBecause: 'set its secret first' } : {})}
        />
        <strong
          className={c.enabled ? (c.failure === null ? 'tone-good' : 'tone-bad') : 'muted'}
          data-testid={`alert-state-${c.channel}`}
        >
          {c.enabled ? (c.failure === null ? 'ON' : 'FAILING') : 'off'}
        </strong>
        <span className="spacer" />
        <span className="muted small" data-testid={`alert-sent-${c.channel}`}>
          sent {c.sent}
          {c.queued > 0 ? `, ${c.queued} queued` : ''}
        </span>
      </header>
      <p className="small" data-testid={`alert-secret-status-${c.channel}`}>
        {secret.set ? (
          <>
            {SECRET[c.channel]} <code>{secret.hint}</code> in the OS keychain
            {secret.setAt === null ? '' : `, set ${formatUtc(secret.setAt)}`}
          </>
        ) : (
          <span className="muted">{NOT_SET[c.channel]}</span>
        )}
      </p>
      {c.enabled && !secret.set && (
        <p className="small tone-bad">On, but no secret is set: nothing can be sent.</p>
      )}
      {c.failure !== null && (
        <p className="small tone-bad" data-testid={`alert-channel-failure-${c.channel}`}>
          Not delivered {formatUtc(c.failure.at)}: “{c.failure.title}”: {c.failure.error} (
          {c.failure.attempts} attempt(s))
        </p>
      )}
      <AlertSecretForm channel={c.channel} set={secret.set} />
    </section>
  );
}
