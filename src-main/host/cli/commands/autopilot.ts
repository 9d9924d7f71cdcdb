import type { AutopilotStatus } from '../../../../src-shared/contract/plans';
import { BookIdSchema } from '../../../../src-shared/domain/order';
import { EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { connectToHost } from '../host-client';
import { integerFlag, parseFlags } from '../parse-flags';

function statusLine(s: AutopilotStatus): string {
  const cap = `${s.tradesToday} of ${s.maxTradesPerDay} trades today`;
  return `autopilot ${s.mode.toUpperCase()} on book ${s.bookId} (${cap}; ${s.reason}, by ${s.actor})`;
}

/** `vigil autopilot on|off|shadow [--book paper] [--max-per-day N]`: a book's autopilot. */
export async function autopilotCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [mode, ...rest] = args;
  if (mode !== 'on' && mode !== 'off' && mode !== 'shadow' && mode !== 'status')
    throw new UsageError(`autopilot takes on, off, shadow or status, got '${mode ?? ''}'`);
  const { values } = parseFlags(rest, {
    book: { type: 'string' },
    'max-per-day': { type: 'string' },
    reason: { type: 'string' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
  });
  const book = BookIdSchema.safeParse(values.book ?? 'paper');
  if (!book.success)
    throw new UsageError(`--book must be 'paper' or 'live:<venue>', got '${values.book}'`);
  const bookId = book.data;
  const cap = integerFlag('max-per-day', values['max-per-day'], 1, 100);
  const host = await connectToHost(resolveDataDir(values['data-dir'], io));
  try {
    const status =
      mode === 'status'
        ? await host.client.call('getAutopilot', { bookId })
        : await host.client.call('setAutopilot', {
            bookId,
            mode,
            ...(cap === undefined ? {} : { maxTradesPerDay: cap }),
            ...(values.reason === undefined ? {} : { reason: values.reason }),
          });
    io.stdout(values.json === true ? `${JSON.stringify(status)}\n` : `${statusLine(status)}\n`);
    return EXIT_OK;
  } finally {
    host.close();
  }
}
