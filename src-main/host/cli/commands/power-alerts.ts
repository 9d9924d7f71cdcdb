import type { AlertStatus } from '../../../../src-shared/contract/alerts';
import { parseConfigValue } from '../../../engine/risk/risk-config-store';
import { formatAlertStatus } from '../alert-format';
import { EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { connectToHost, type HostConnection } from '../host-client';
import { parseFlags } from '../parse-flags';

/** `vigil power`: the sleep/wake state and settings of the running app or host. */
export function powerCommand(args: readonly string[], io: CliIo): Promise<number> {
  return onHost('power', args, io, {
    show: async (host) => host.client.call('getPowerStatus', {}),
    set: async (host, changes) => host.client.call('setPowerSettings', { changes }),
  });
}

/**
 * `vigil alerts`: the alert channels' state and settings, a test message, and the channels'
 * secrets (`vigil alerts secret ...`, which also works with no Vigil running).
 */
export async function alertsCommand(args: readonly string[], io: CliIo): Promise<number> {
  if (args[0] === 'secret') {
    const { alertSecretCommand } = await import('./alert-secret');
    return alertSecretCommand(args.slice(1), io);
  }
  return onHost('alerts', args, io, {
    show: async (host) => host.client.call('getAlertStatus', {}),
    set: async (host, changes) => host.client.call('setAlertSettings', { changes }),
    test: async (host) => host.client.call('sendTestAlert', {}),
    format: { show: (status) => formatAlertStatus(status as AlertStatus) },
  });
}

type Action = (host: HostConnection, changes: Record<string, unknown>) => Promise<unknown>;

interface Actions {
  readonly show: Action;
  readonly set: Action;
  readonly test?: Action;
  /** Human output per subcommand; the rest print as KEY = VALUE lines. */
  readonly format?: Partial<Record<'show' | 'set' | 'test', (result: unknown) => string>>;
}

/** show / set KEY VALUE (/ test) against the running app or host, so changes are audited. */
async function onHost(
  name: string,
  args: readonly string[],
  io: CliIo,
  actions: Actions,
): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseFlags(
    rest,
    { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
    true,
  );
  const action =
    sub === 'show'
      ? actions.show
      : sub === 'set'
        ? actions.set
        : sub === 'test'
          ? actions.test
          : undefined;
  if (action === undefined) throw new UsageError(`unknown ${name} subcommand '${sub ?? ''}'`);
  if (sub === 'set' && positionals.length !== 2)
    throw new UsageError(`${name} set takes KEY VALUE`);
  if (sub !== 'set' && positionals.length > 0)
    throw new UsageError(`${name} ${sub} takes no arguments`);
  const changes =
    sub === 'set' ? { [positionals[0] as string]: parseConfigValue(positionals[1] as string) } : {};
  const host = await connectToHost(resolveDataDir(values['data-dir'], io));
  try {
    const result = await action(host, changes);
    const format = actions.format?.[sub as 'show' | 'set' | 'test'] ?? formatLines;
    io.stdout(values.json === true ? `${JSON.stringify(result)}\n` : format(result));
    return EXIT_OK;
  } finally {
    host.close();
  }
}

function formatLines(value: unknown, prefix = ''): string {
  if (Array.isArray(value)) return value.map((v, i) => formatLines(v, `${prefix}${i}.`)).join('');
  if (typeof value === 'object' && value !== null)
    return Object.entries(value)
      .map(([k, v]) => formatLines(v, `${prefix}${k}.`))
      .join('');
  return `${prefix.slice(0, -1)} = ${String(value)}\n`;
}
