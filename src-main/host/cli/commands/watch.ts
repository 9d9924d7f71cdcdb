import { EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { openConnectionsClient } from '../connections-client';
import { resolveDataDir } from '../data-dir-flag';
import { parseFlags } from '../parse-flags';

/** `vigil watch add|remove`: a connection's watchlist (added symbols are checked live). */
export async function watchCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add' && sub !== 'remove')
    throw new UsageError(`unknown watch subcommand '${sub ?? ''}'`);
  const { values, positionals } = parseFlags(
    rest,
    { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
    true,
  );
  const [name, ...lists] = positionals;
  const symbols = lists
    .flatMap((l) => l.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (name === undefined || symbols.length === 0)
    throw new UsageError(`watch ${sub} takes NAME and symbols`);
  const { client, close } = await openConnectionsClient(resolveDataDir(values['data-dir'], io));
  try {
    const view = await client.call('watchSymbols', { name, [sub]: symbols });
    io.stdout(
      values.json === true
        ? `${JSON.stringify(view)}\n`
        : `${view.name} watches ${view.symbols.join(', ')}\n`,
    );
    return EXIT_OK;
  } finally {
    close();
  }
}
