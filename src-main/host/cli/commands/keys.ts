import { z } from 'zod';
import type { KeyStatus } from '../../../../src-shared/domain/connection';
import { ConnectionError } from '../../../engine/market/connections/exchange-catalog';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { keyDetails, keyLine } from '../connection-format';
import { openConnectionsClient } from '../connections-client';
import { resolveDataDir } from '../data-dir-flag';
import { parseFlags } from '../parse-flags';
import { readStdinJson, secretPrompt } from '../read-secret-input';

/** What the trader types to store a key whose permissions the exchange cannot report. */
const ACKNOWLEDGE = 'UNVERIFIABLE';

/** `--stdin`: exactly one JSON object, nothing else. */
const StdinKey = z
  .object({
    apiKey: z.string(),
    secret: z.string(),
    password: z.string().optional(),
    acknowledge: z.string().optional(),
  })
  .strict();

/**
 * `vigil keys`: exchange API keys in the OS keychain. `set` reads the key without echo on a
 * terminal, or one JSON object from stdin; nothing ever prints a key back, only its status.
 */
export async function keysCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseFlags(
    rest,
    { stdin: { type: 'boolean' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
    true,
  );
  if (sub !== 'set' && sub !== 'status' && sub !== 'delete' && sub !== 'verify') {
    throw new UsageError(`unknown keys subcommand '${sub ?? ''}'`);
  }
  const name = positionals[0];
  if (positionals.length > 1) throw new UsageError(`keys ${sub} takes one NAME`);
  if (sub !== 'status' && name === undefined) throw new UsageError(`keys ${sub} takes NAME`);
  if (sub !== 'set' && values.stdin === true) throw new UsageError('--stdin belongs to keys set');

  const { client, close } = await openConnectionsClient(resolveDataDir(values['data-dir'], io));
  try {
    if (sub === 'status') {
      const { keys } = await client.call(
        'getKeyStatus',
        name === undefined ? {} : { connection: name },
      );
      if (values.json === true) io.stdout(`${JSON.stringify({ keys })}\n`);
      else if (keys.length === 0) io.stdout('no exchange connections\n');
      else io.stdout(keys.map(describeKey).join(''));
      return EXIT_OK;
    }
    const connection = name as string;
    let status: KeyStatus;
    if (sub === 'set') {
      const [current] = (await client.call('getKeyStatus', { connection })).keys;
      if (current === undefined) throw new ConnectionError(`no connection '${connection}'`);
      const key =
        values.stdin === true
          ? await readStdinJson(io, 'keys set', StdinKey, '{"apiKey": ..., "secret": ...}')
          : await fromTerminal(io, current);
      if (key === null) return EXIT_FAILURE;
      status = await client.call('setExchangeKey', { connection, ...key });
    } else if (sub === 'delete') {
      status = await client.call('deleteExchangeKey', { connection });
    } else {
      status = await client.call('verifyExchangeKey', { connection });
    }
    if (values.json === true) io.stdout(`${JSON.stringify(status)}\n`);
    else io.stdout(describeKey(status));
    const verdict = status.verification?.verdict;
    if (sub !== 'delete' && (verdict === 'refused' || verdict === 'unverified')) {
      io.stderr(
        `vigil keys ${sub}: the key for ${connection} ${verdict === 'refused' ? 'is refused for live trading' : 'is not verified'}: ${status.verification?.summary ?? ''}\n`,
      );
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  } finally {
    close();
  }
}

function describeKey(status: KeyStatus): string {
  return `${status.connection}: ${keyLine(status)}\n${keyDetails(status)
    .map((l) => `  ${l}\n`)
    .join('')}`;
}

async function fromTerminal(
  io: CliIo,
  current: KeyStatus,
): Promise<z.infer<typeof StdinKey> | null> {
  const input = secretPrompt(io, 'keys set');
  if (input === null) return null;
  if (current.set)
    io.stderr(`Replacing the key ${current.publicKeyHint ?? ''} of ${current.connection}.\n`);
  const apiKey = await input.readSecret('API key (not shown): ');
  const secret = await input.readSecret('Secret (not shown): ');
  const password = current.needsPassword
    ? await input.readSecret('Passphrase (not shown): ')
    : undefined;
  let acknowledge: string | undefined;
  if (!current.verifiable) {
    io.stderr(
      `${current.connection}'s exchange cannot report what a key may do, so Vigil cannot check that it cannot withdraw.\n`,
    );
    acknowledge = await input.readSecret(`Type ${ACKNOWLEDGE} to store it anyway: `);
  }
  return {
    apiKey,
    secret,
    ...(password === undefined ? {} : { password }),
    ...(acknowledge === undefined ? {} : { acknowledge }),
  };
}
