import { useState, type FormEvent, type ReactElement } from 'react';
import type { AlertChannelName, AlertSecretInput } from '../../../src-shared/contract/alerts';
import {
  telegramChatIdProblem,
  telegramTokenProblem,
  webhookUrlProblem,
} from '../../../src-shared/domain/alert-secrets';
import { useClient } from '../../state/client-context';
import { useCommandRun } from '../../state/use-command-run';
import { FormError, SecretField } from '../forms/secret-field';

/**
 * Set, replace or delete an alert channel's secret: masked fields checked here first (a slip
 * keeps what was typed, nothing is sent), then sent to the engine once (it stores them in the
 * OS keychain) and cleared at once. Nothing can read a secret back; the card shows its tail.
 */
export function AlertSecretForm(props: {
  readonly channel: AlertChannelName;
  readonly set: boolean;
}): ReactElement {
  const client = useClient();
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const { busy, error, run, refuse } = useCommandRun();
  const telegram = props.channel === 'telegram';
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const problem = telegram
      ? (telegramTokenProblem(first) ?? telegramChatIdProblem(second))
      : webhookUrlProblem(first);
    if (problem !== null) {
      refuse(`${problem}; nothing was sent`);
      return;
    }
    const input: AlertSecretInput = telegram
      ? { channel: 'telegram', botToken: first, chatId: second }
      : { channel: 'webhook', url: first };
    setFirst('');
    setSecond('');
    run(client.call('setAlertSecret', input));
  };
  const id = `alert-secret-${props.channel}`;
  return (
    <form
      className="secret-form"
      onSubmit={submit}
      aria-label={telegram ? 'Telegram bot token and chat id' : 'Webhook URL'}
      data-testid={id}
    >
      {telegram ? (
        <>
          <SecretField
            label="Bot token (from @BotFather)"
            value={first}
            onChange={setFirst}
            placeholder="123456789:AAH…"
            testId={`${id}-token`}
          />
          <SecretField
            label="Chat id"
            value={second}
            onChange={setSecond}
            placeholder="your user id, or -100… for a group"
            testId={`${id}-chat`}
          />
        </>
      ) : (
        <SecretField
          label="Webhook URL (Discord, Slack or any JSON endpoint)"
          value={first}
          onChange={setFirst}
          placeholder="https://discord.com/api/webhooks/…"
          testId={`${id}-url`}
          wide
        />
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy} data-testid={`${id}-save`}>
          {props.set ? 'Replace' : 'Save'}
        </button>
        {props.set && (
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => run(client.call('deleteAlertSecret', { channel: props.channel }))}
            data-testid={`${id}-delete`}
          >
            Delete
          </button>
        )}
      </div>
      <FormError error={error} testId={`${id}-error`} />
    </form>
  );
}
