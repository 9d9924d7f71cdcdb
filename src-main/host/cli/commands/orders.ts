import { existsSync } from 'node:fs';
import { BookIdSchema, type BookId, type OrderView } from '../../../../src-shared/domain/order';
import { databasePath } from '../../../engine/data-dir';
import { queryOrderRows, toOrderView } from '../../../engine/execution/order-store';
import type { Store } from '../../../engine/store/open-store';
import { openVigilStoreReadOnly } from '../../../engine/schema';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { integerFlag, parseFlags } from '../parse-flags';

export function bookFlag(raw: string | undefined): BookId {
  const parsed = BookIdSchema.safeParse(raw ?? 'paper');
  if (!parsed.success)
    throw new UsageError(`--book must be 'paper' or 'live:<venue>', got '${raw}'`);
  return parsed.data;
}

/**
 * Opens the database read-only (listing never migrates or writes); a missing database is an
 * error, never an empty answer.
 */
export function withStore<T>(
  dataDir: string,
  io: CliIo,
  name: string,
  run: (db: Store['db']) => T,
): T | number {
  const path = databasePath(dataDir);
  if (!existsSync(path)) {
    io.stderr(`vigil ${name}: no Vigil database at ${path}\n`);
    return EXIT_FAILURE;
  }
  const store = openVigilStoreReadOnly(path);
  try {
    return run(store.db);
  } finally {
    store.close();
  }
}

function orderLine(o: OrderView): string {
  const px = o.price ?? (o.stopPrice !== null ? `stop ${o.stopPrice}` : 'market');
  const role = o.bracketRole === null ? '' : ` [${o.bracketRole}]`;
  return `${o.clientOrderId}  ${o.state.padEnd(16)} ${o.symbol.padEnd(10)} ${o.side.padEnd(4)} ${o.type.padEnd(11)} qty ${o.qty} filled ${o.filledQty} @ ${px}${role}${o.reason === null ? '' : `  (${o.reason})`}`;
}

/** `vigil orders`: newest first; --open keeps only orders that can still fill. */
export function ordersCommand(args: readonly string[], io: CliIo): number {
  const { values } = parseFlags(args, {
    open: { type: 'boolean' },
    json: { type: 'boolean' },
    book: { type: 'string' },
    limit: { type: 'string' },
    'data-dir': { type: 'string' },
  });
  const book = bookFlag(values.book);
  const limit = integerFlag('limit', values.limit, 1, 100_000) ?? 200;
  const result = withStore(resolveDataDir(values['data-dir'], io), io, 'orders', (db) =>
    queryOrderRows(db, book, values.open === true, limit).map(toOrderView),
  );
  if (typeof result === 'number') return result;
  if (values.json === true) io.stdout(`${JSON.stringify({ book, orders: result })}\n`);
  else if (result.length === 0)
    io.stdout(`no ${values.open === true ? 'open ' : ''}orders in book ${book}\n`);
  else io.stdout(`${result.map(orderLine).join('\n')}\n`);
  return EXIT_OK;
}
