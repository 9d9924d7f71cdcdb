import { z } from 'zod';
import {
  AlertChannelNameSchema,
  type AlertChannelName,
  type AlertSecretInput,
  type AlertSecretStatus,
} from '../../../../src-shared/contract/alerts';
import { AlertSecrets } from '../../../engine/alerts/alert-secrets';
import { alertSecretHandlers } from '../../../engine/alerts/alert-handlers';
import { systemClock } from '../../../engine/clock';
import { alertSecretLine } from '../alert-format';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { openDataFolderClient } from '../data-folder-client';
import { resolveDataDir } from '../data-dir-flag';
import { parseFlags } from '../parse-flags';
import { readStdinJson, secretPrompt } from '../read-secret-input';

/** `--stdin` for each channel: exactly one JSON object, nothing else. */
const TelegramStdin = z.object({ botToken: z.string(), chatId: z.string() }).strict();
const WebhookStdin = z.object({ url: z.string() }).strict();

/**
 * `vigil alerts secret set telegram|webhook [--stdin]` and `vigil alerts secret delete
 * telegram|webhook`: the alert channels' secrets in the OS keychain, through the running app
 * or host, else on the data folder for the next start. `set` prompts without echo on a
 * terminal or reads one JSON object from stdin; nothing ever prints a secret back, only its
 * masked tail.
 */
export async function alertSecretCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseFlags(
    rest,
    { stdin: { type: 'boolean' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
    true,
  );
  if (sub !== 'set' && sub !== 'delete') {
    throw new UsageError(`unknown alerts secret subcommand '${sub ?? ''}'`);
  }
  const parsedChannel = AlertChannelNameSchema.safeParse(positionals[0]);
  if (positionals.length !== 1 || !parsedChannel.success) {
    throw new UsageError(`alerts secret ${sub} takes telegram or webhook`);
  }
  const channel = parsedChannel.data;
  if (sub === 'delete' && values.stdin === true) {
    throw new UsageError('--stdin belongs to alerts secret set');
  }
  const command = `alerts secret ${sub}`;
  let input: AlertSecretInput | null = null;
  if (sub === 'set') {
    // Read before connecting: a prompt must not hold a host connection open meanwhile.
    input =
      values.stdin === true
        ? await fromStdin(io, command, channel)
        : await fromTerminal(io, channel);
    if (input === null) return EXIT_FAILURE;
  }
  const { client, via, close } = await openDataFolderClient(
    resolveDataDir(values['data-dir'], io),
    ({ settings, audit, secrets }) =>
      alertSecretHandlers(
        new AlertSecrets({
          secrets: secrets.purpose('alerts'),
          settings,
          audit,
          clock: systemClock,
        }),
      ),
  );
  let status: AlertSecretStatus;
  try {
    status =
      input === null
        ? await client.call('deleteAlertSecret', { channel })
        : await client.call('setAlertSecret', input);
  } finally {
    close();
  }
  if (values.json === true) {
    io.stdout(`${JSON.stringify(status)}\n`);
  } else {
    const later = via === 'offline' ? ' (no Vigil is running: the next start uses it)' : '';
    io.stdout(`${status.channel}: ${alertSecretLine(status)}${status.set ? later : ''}\n`);
  }
  return EXIT_OK;
}

async function fromStdin(
  io: CliIo,
  command: string,
  channel: AlertChannelName,
): Promise<AlertSecretInput | null> {
  if (channel === 'telegram') {
    const read = await readStdinJson(
      io,
      command,
      TelegramStdin,
      '{"botToken": ..., "chatId": ...}',
    );
    return read === null ? null : { channel, ...read };
  }
  const read = await readStdinJson(io, command, WebhookStdin, '{"url": ...}');
  return read === null ? null : { channel, ...read };
}

async function fromTerminal(
  io: CliIo,
  channel: AlertChannelName,
): Promise<AlertSecretInput | null> {
  const input = secretPrompt(io, 'alerts secret set');
  if (input === null) return null;
  if (channel === 'telegram') {
    const botToken = await input.readSecret('Telegram bot token from @BotFather (not shown): ');
    const chatId = await input.readSecret('Chat id (not shown): ');
    return { channel, botToken, chatId };
  }
  const url = await input.readSecret('Webhook URL (not shown): ');
  return { channel, url };
}
