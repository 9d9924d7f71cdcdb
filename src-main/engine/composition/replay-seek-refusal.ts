import type { ExecutionService } from '../execution/execution-service';

/**
 * Why the replay cannot be moved now, or null. With a position open or an order working, a
 * jump in time would fill or value them at prices they never traded through.
 */
export function replaySeekRefusal(execution: ExecutionService): string | null {
  const bookId = execution.broker.bookId;
  const open = execution.ledger.positions(bookId).filter((p) => Number(p.qty) !== 0);
  const working = execution.executor.orders.nonFinal(bookId);
  if (open.length === 0 && working.length === 0) return null;
  const what = [
    open.length > 0
      ? `${open.length} open position(s) (${open.map((p) => p.symbol).join(', ')})`
      : null,
    working.length > 0 ? `${working.length} working order(s)` : null,
  ].filter((x) => x !== null);
  return `the paper book has ${what.join(' and ')}; close and cancel them first, since a jump in time would fill or value them at prices they never traded through`;
}
