import type { CommandOutput } from '../../../../src-shared/contract/commands';
import type { JournalTrade } from '../../../../src-shared/contract/journal';

type JournalList = CommandOutput<'listJournal'>;
import { moneyPlaces } from '../../../../src-shared/domain/money-places';
import { probabilityText } from '../../../../src-shared/domain/probability-words';
import { parseMoney } from '../../../engine/reports/money';
import {
  formatDateTime,
  formatDuration,
  formatMoney,
  formatPrice,
} from '../../../engine/reports/report-format';
import { EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { connectToHost } from '../host-client';
import { integerFlag, parseFlags } from '../parse-flags';

const OUTCOMES = ['all', 'winners', 'losers'] as const;
const TIERS = ['PRIME', 'WATCH', 'IGNORE', 'FAILED', 'NONE'] as const;

function oneOf<T extends string>(
  flag: string,
  raw: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (raw === undefined) return undefined;
  const found = allowed.find((a) => a === raw);
  if (found === undefined)
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got '${raw}'`);
  return found;
}

/** Signed money at `places` decimals ("+0.00012340", "-12.50"). */
function signed(text: string, places: number): string {
  const out = formatMoney(parseMoney(text, 'money'), places);
  return out.startsWith('-') || /^[0.,]*$/.test(out) ? out : `+${out}`;
}

/** ", 3 won, 2 lost (60%), average 0.42R over 4 with a stop (total 1.68R)". */
function statsLine(stats: JournalList['stats']): string {
  if (stats.winRate === null) return '';
  const r =
    stats.averageR === null
      ? ''
      : `, average ${stats.averageR}R over ${stats.withR} with a stop (total ${stats.totalR ?? ''}R)`;
  return `, ${stats.wins} won, ${stats.losses} lost (${Math.round(stats.winRate * 100)}%)${r}`;
}

/** Holding time: minutes under an hour, else hours and days. */
function held(ms: number): string {
  return ms < 3_600_000 ? `${Math.round(ms / 60_000)}m` : formatDuration(ms);
}

/** One trade on one line: what a trader scans for (result, R, tier, tags, note). */
function tradeLine(t: JournalTrade, zone: string): string {
  const places = moneyPlaces(t.quoteAsset);
  const money = (text: string): string => signed(text, places);
  const price = (text: string): string => formatPrice(parseMoney(text, t.id));
  const r = t.rMultiple === null ? 'R n/a' : `R ${t.rMultiple}`;
  const e = t.entrySignal;
  const signal =
    e === null
      ? 'no signal'
      : `${e.tier} ${e.timeframe} ${probabilityText(e.probability, e.calibrated)}`;
  const plan =
    t.plan === null
      ? ''
      : `  plan ${t.plan.planId} (${t.plan.source}) stop ${price(t.plan.stop)} targets ${t.plan.targets.map((x) => price(x.price)).join('/')}` +
        (t.plan.stopMoves.length === 0
          ? ''
          : `, stop moved ${t.plan.stopMoves.length}x to ${price(t.plan.stopMoves[t.plan.stopMoves.length - 1]?.to ?? t.plan.stop)}`);
  const tags = t.tags.map((tag) => ` #${tag}`).join('');
  const note = t.notes === '' ? '' : `  "${t.notes.replace(/\s+/g, ' ')}"`;
  return (
    `${t.id.padEnd(7)} ${t.symbol.padEnd(9)} ${t.direction.padEnd(5)} ` +
    `${formatDateTime(t.openedAt, zone)} -> ${formatDateTime(t.closedAt, zone)} (${held(t.holdingMs)})  ` +
    `qty ${t.qty}  ${price(t.entryPrice)} -> ${price(t.exitPrice)}  ` +
    `net ${money(t.netPnl)} ${t.quoteAsset} (fees ${formatMoney(parseMoney(t.fees, t.id), places)})  ${r}  ${signal}${plan}${tags}${note}`
  );
}

/**
 * `vigil journal`: the closed trades of the running app or host, newest first, filtered; and
 * `vigil journal note TRADE_ID "text" [--tag T ...]`, which replaces a trade's note and tags.
 */
export async function journalCommand(args: readonly string[], io: CliIo): Promise<number> {
  if (args[0] === 'note') return noteCommand(args.slice(1), io);
  const { values } = parseFlags(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    tag: { type: 'string' },
    symbol: { type: 'string' },
    tier: { type: 'string' },
    outcome: { type: 'string' },
    book: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
  });
  const host = await connectToHost(resolveDataDir(values['data-dir'], io));
  try {
    const result = await host.client.call('listJournal', {
      ...(values.book === undefined ? {} : { book: values.book }),
      ...(values.from === undefined ? {} : { from: values.from }),
      ...(values.to === undefined ? {} : { to: values.to }),
      ...(values.tag === undefined ? {} : { tag: values.tag }),
      ...(values.symbol === undefined ? {} : { symbol: values.symbol }),
      ...(values.tier === undefined ? {} : { tier: oneOf('tier', values.tier, TIERS) }),
      outcome: oneOf('outcome', values.outcome, OUTCOMES) ?? 'all',
      limit: integerFlag('limit', values.limit, 1, 10_000) ?? 1000,
    });
    if (values.json === true) {
      io.stdout(`${JSON.stringify(result)}\n`);
      return EXIT_OK;
    }
    if (result.trades.length === 0) {
      io.stdout('no closed trades match\n');
      return EXIT_OK;
    }
    const totals = result.totals
      .map((t) => `${signed(t.netPnl, moneyPlaces(t.currency))} ${t.currency}`)
      .join(', ');
    io.stdout(
      `${result.trades.map((t) => tradeLine(t, result.timeZone)).join('\n')}\n` +
        `${result.matched} trade(s), net ${totals}${statsLine(result.stats)} (times in ${result.timeZone})\n`,
    );
    return EXIT_OK;
  } finally {
    host.close();
  }
}

async function noteCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      tag: { type: 'string', multiple: true },
      book: { type: 'string' },
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
    },
    true,
  );
  const [tradeId, text, ...extra] = positionals;
  if (tradeId === undefined || text === undefined || extra.length > 0)
    throw new UsageError('journal note takes TRADE_ID and one quoted "text"');
  const host = await connectToHost(resolveDataDir(values['data-dir'], io));
  try {
    const trade = await host.client.call('setJournalNote', {
      tradeId,
      text,
      tags: values.tag ?? [],
      ...(values.book === undefined ? {} : { book: values.book }),
    });
    io.stdout(
      values.json === true
        ? `${JSON.stringify(trade)}\n`
        : `${trade.id}: note saved${trade.tags.length > 0 ? ` (tags: ${trade.tags.join(', ')})` : ''}\n`,
    );
    return EXIT_OK;
  } finally {
    host.close();
  }
}
