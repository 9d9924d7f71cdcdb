import type { CommandInput } from '../../../../src-shared/contract/commands';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { formatConnectionList } from '../connection-format';
import { openConnectionsClient } from '../connections-client';
import { resolveDataDir } from '../data-dir-flag';
import { parseFlags } from '../parse-flags';

const list = (raw: string | undefined, flag: string): string[] => {
  if (raw === undefined) throw new UsageError(`exchange add needs --${flag}`);
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
};

/** `vigil exchange add|list|remove|test`: the trader's exchange connections. */
export async function exchangeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseFlags(
    rest,
    {
      exchange: { type: 'string' },
      symbols: { type: 'string' },
      timeframes: { type: 'string' },
      'api-origin': { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
    },
    true,
  );
  const name = positionals[0];
  const one = (what: string): string => {
    if (name === undefined || positionals.length !== 1)
      throw new UsageError(`exchange ${what} takes one NAME`);
    return name;
  };
  if (sub === 'add') {
    one('add');
    if (values.exchange === undefined) throw new UsageError('exchange add needs --exchange');
  } else if (sub === 'list') {
    if (positionals.length > 0) throw new UsageError('exchange list takes no NAME');
  } else if (sub === 'remove' || sub === 'test') one(sub);
  else throw new UsageError(`unknown exchange subcommand '${sub ?? ''}'`);
  if (
    sub !== 'add' &&
    (values.exchange ?? values.symbols ?? values.timeframes ?? values['api-origin']) !== undefined
  ) {
    throw new UsageError(
      `--exchange, --symbols, --timeframes and --api-origin belong to exchange add`,
    );
  }
  const symbols = sub === 'add' ? list(values.symbols, 'symbols') : [];
  const timeframes = sub === 'add' ? list(values.timeframes, 'timeframes') : [];

  const { client, close } = await openConnectionsClient(resolveDataDir(values['data-dir'], io));
  try {
    switch (sub) {
      case 'add': {
        const view = await client.call('addConnection', {
          name: name as string,
          exchange: values.exchange as string,
          symbols,
          // Checked by the engine, which names an unsupported timeframe.
          timeframes: timeframes as CommandInput<'addConnection'>['timeframes'],
          ...(values['api-origin'] === undefined ? {} : { apiOrigin: values['api-origin'] }),
        });
        io.stdout(
          values.json === true
            ? `${JSON.stringify(view)}\n`
            : `added ${view.name}: ${view.exchange} ${view.symbols.join(', ')} (${view.timeframes.join(', ')})${view.apiOrigin === null ? '' : ` via ${view.apiOrigin}`}\n`,
        );
        return EXIT_OK;
      }
      case 'list': {
        const all = await client.call('listConnections', {});
        io.stdout(values.json === true ? `${JSON.stringify(all)}\n` : formatConnectionList(all));
        return EXIT_OK;
      }
      case 'remove': {
        await client.call('removeConnection', { name: name as string });
        io.stdout(`removed ${name as string} (and its key, if it had one)\n`);
        return EXIT_OK;
      }
      default: {
        const report = await client.call('testConnection', { name: name as string });
        if (values.json === true) io.stdout(`${JSON.stringify(report)}\n`);
        else
          io.stdout(
            `${report.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.check}: ${c.detail}`).join('\n')}\n`,
          );
        if (!report.ok) {
          io.stderr(
            `vigil exchange test: ${report.checks
              .filter((c) => !c.ok)
              .map((c) => c.check)
              .join(', ')} failed\n`,
          );
          return EXIT_FAILURE;
        }
        return EXIT_OK;
      }
    }
  } finally {
    close();
  }
}
