import { LedgerReadModel } from '../../../engine/ledger/ledger-read-model';
import { EXIT_OK, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { parseFlags } from '../parse-flags';
import { bookFlag, withStore } from './orders';

/** `vigil positions`: the ledger's positions of one book, with marks and PnL. */
export function positionsCommand(args: readonly string[], io: CliIo): number {
  const { values } = parseFlags(args, {
    json: { type: 'boolean' },
    book: { type: 'string' },
    'data-dir': { type: 'string' },
  });
  const book = bookFlag(values.book);
  const result = withStore(resolveDataDir(values['data-dir'], io), io, 'positions', (db) => {
    const ledger = new LedgerReadModel(db);
    return { summary: ledger.book(book), positions: ledger.positions(book) };
  });
  if (typeof result === 'number') return result;
  if (values.json === true) {
    io.stdout(`${JSON.stringify({ book, ...result })}\n`);
    return EXIT_OK;
  }
  const open = result.positions.filter((p) => p.qty !== '0');
  const lines = open.map(
    (p) =>
      `${p.symbol.padEnd(10)} qty ${p.qty}  avg ${p.avgEntryPrice ?? '-'}  mark ${p.markPrice ?? '-'}  uPnL ${p.unrealizedPnl ?? '-'}  rPnL ${p.realizedPnl}  fees ${p.fees}`,
  );
  if (lines.length === 0) lines.push(`no open positions in book ${book}`);
  if (result.summary !== null) {
    const s = result.summary;
    lines.push(
      `cash ${s.cash} ${s.quoteAsset}  realized ${s.realizedPnl}  fees ${s.fees}  start ${s.startingBalance}`,
    );
  }
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT_OK;
}
