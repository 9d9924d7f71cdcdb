import type { CommandInput } from '../../../../src-shared/contract/commands';
import type { ReplayStateView } from '../../../../src-shared/contract/market';
import { ReplaySpeedSchema } from '../../../../src-shared/domain/market';
import { EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { connectToHost } from '../host-client';
import { parseFlags } from '../parse-flags';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The replay of the running app or host, as one line a trader reads. */
function describe(state: ReplayStateView): string {
  const what = state.finished ? 'finished' : state.playing ? `playing at ${state.speed}` : 'paused';
  return `replay ${what} at ${iso(state.now)} (data ${iso(state.start)} .. ${iso(state.end)})\n`;
}

/** Parses TIME: an ISO 8601 date-time ("2018-06-01T12:00Z", "2018-06-01") taken as UTC. */
function parseTime(text: string): number {
  const utc = /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(/^\d{4}-\d\d-\d\d$/.test(text) ? `${text}T00:00:00Z` : utc);
  if (!Number.isSafeInteger(ms))
    throw new UsageError(`'${text}' is not a time (use ISO 8601, e.g. 2018-06-01T12:00Z)`);
  return ms;
}

/**
 * `vigil replay`: where the running replay stands, and play / pause / step / restart / seek
 * it, through host.json like `vigil pause`. A seek with positions or orders open is refused by
 * the engine, and the CLI says why.
 */
export async function replayCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    { speed: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
    true,
  );
  const [action = 'status', ...rest] = positionals;
  let input: CommandInput<'controlReplay'> | null;
  if (action === 'status') input = null;
  else if (action === 'play') {
    const speed =
      values.speed === undefined ? undefined : ReplaySpeedSchema.safeParse(values.speed);
    if (speed !== undefined && !speed.success)
      throw new UsageError(`--speed must be one of ${ReplaySpeedSchema.options.join(', ')}`);
    input = { action: 'play', ...(speed === undefined ? {} : { speed: speed.data }) };
  } else if (action === 'pause' || action === 'step' || action === 'restart') input = { action };
  else if (action === 'seek') {
    if (rest.length !== 1) throw new UsageError('seek needs one TIME');
    input = { action: 'seek', to: parseTime(rest[0] as string) };
  } else throw new UsageError(`unknown replay action '${action}'`);
  if (action !== 'seek' && rest.length > 0) throw new UsageError(`unexpected '${rest.join(' ')}'`);
  if (values.speed !== undefined && action !== 'play')
    throw new UsageError('--speed goes with play');
  const host = await connectToHost(resolveDataDir(values['data-dir'], io));
  try {
    const state =
      input === null
        ? await host.client.call('getReplayState', {})
        : await host.client.call('controlReplay', input);
    io.stdout(values.json === true ? `${JSON.stringify(state)}\n` : describe(state));
    return EXIT_OK;
  } finally {
    host.close();
  }
}
