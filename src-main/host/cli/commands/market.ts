import { EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { openConnectionsClient } from '../connections-client';
import { resolveDataDir } from '../data-dir-flag';
import { parseFlags } from '../parse-flags';

/** `vigil market live|replay`: what the engine plays; remembered, and `vigil serve` uses it. */
export async function marketCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [source, ...rest] = args;
  if (source !== 'live' && source !== 'replay') {
    throw new UsageError(`market takes live or replay, got '${source ?? ''}'`);
  }
  const { values } = parseFlags(rest, {
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  });
  const { client, via, close } = await openConnectionsClient(
    resolveDataDir(values['data-dir'], io),
  );
  try {
    const list = await client.call('setMarketSource', { source });
    if (values.json === true) {
      io.stdout(`${JSON.stringify(list)}\n`);
      return EXIT_OK;
    }
    const what =
      source === 'live'
        ? `live prices from ${list.connections
            .filter((c) => c.enabled)
            .map((c) => `${c.name} (${c.exchange})`)
            .join(', ')}`
        : 'the replay';
    io.stdout(`the engine ${via === 'host' ? 'now plays' : 'will play'} ${what}\n`);
    return EXIT_OK;
  } finally {
    close();
  }
}
