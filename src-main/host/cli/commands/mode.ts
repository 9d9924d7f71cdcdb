import type { TradingModeStatus } from '../../../../src-shared/contract/trading';
import { EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { connectToHost } from '../host-client';
import { parseFlags } from '../parse-flags';

/**
 * `vigil mode` shows the trading mode; `vigil mode paper|shadow` sets it;
 * `vigil mode live --connection NAME --confirm "LIVE NAME"` arms LIVE on a connection. Goes to
 * the running app or host; a refusal names the condition that is missing (exit 1).
 */
export async function modeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = args;
  const target = first === undefined || first.startsWith('--') ? undefined : first;
  const { values } = parseFlags(target === undefined ? args : rest, {
    connection: { type: 'string' },
    confirm: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (target !== undefined && target !== 'live' && target !== 'paper' && target !== 'shadow') {
    throw new UsageError(`mode takes live, paper or shadow, got '${target}'`);
  }
  if (target !== 'live' && (values.connection !== undefined || values.confirm !== undefined)) {
    throw new UsageError('--connection and --confirm go with `vigil mode live`');
  }
  const host = await connectToHost(resolveDataDir(values['data-dir'], io));
  try {
    const status =
      target === undefined
        ? await host.client.call('getTradingMode', {})
        : await host.client.call('setTradingMode', {
            mode: target === 'live' ? 'LIVE' : target === 'paper' ? 'PAPER' : 'SHADOW',
            via: 'cli',
            ...(values.connection === undefined ? {} : { connection: values.connection }),
            ...(values.confirm === undefined ? {} : { confirm: values.confirm }),
          });
    io.stdout(values.json === true ? `${JSON.stringify(status)}\n` : describeMode(status));
    return EXIT_OK;
  } finally {
    host.close();
  }
}

function describeMode(s: TradingModeStatus): string {
  const head =
    s.mode === 'LIVE'
      ? `trading mode: LIVE on ${s.connection ?? '?'} (book ${s.bookId}): real orders`
      : s.mode === 'SHADOW'
        ? 'trading mode: SHADOW (signals and intents recorded, nothing sent)'
        : 'trading mode: PAPER (virtual balance, no real orders)';
  const lines = [head, `  set by ${s.actor}: ${s.reason}`];
  for (const v of s.live) {
    lines.push(
      `  live book ${v.bookId} (${v.connection}): ${v.state}${v.problem === null ? '' : ` (${v.problem})`}; breaker ${v.breaker.state}` +
        (v.stream === null ? '; REST polling' : `; user stream ${v.stream.state}`) +
        (v.foreignOrders.length === 0
          ? ''
          : `; ${v.foreignOrders.length} foreign order(s) block entries`),
    );
  }
  return `${lines.join('\n')}\n`;
}
