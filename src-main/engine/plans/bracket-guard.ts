import { FINAL_ORDER_STATES, type BookId, type OrderView } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { Executor } from '../execution/executor';
import { qtyOf } from '../ledger/money';

type GuardedExecutor = Pick<Executor, 'place' | 'cancel' | 'view' | 'idle'> & {
  readonly orders: Pick<Executor['orders'], 'children'>;
};

export interface BracketGuardDeps {
  /** Every order update of every book (live books open after the guard starts). */
  readonly orderUpdates: (listener: (order: OrderView) => void) => () => void;
  /** The executor of the order's book. */
  readonly executorFor: (bookId: BookId) => GuardedExecutor | undefined;
  readonly audit: AuditLog;
  /** True for entries a plan sent: only those are unwound here. */
  readonly isPlanEntry: (clientOrderId: string) => boolean;
  readonly onError: (error: unknown) => void;
}

export interface BracketGuard {
  readonly stop: () => void;
  /** Resolves when every unwind started so far has finished. */
  readonly idle: () => Promise<void>;
}

export const UNWIND_ACTOR = 'system:plan-unwind';

/**
 * A plan's bracket is all or nothing: when the venue (or the gate) refuses its protective
 * stop, the entry is canceled if it still works, the target is canceled, and what did fill is
 * closed at market (reduce-only), so a plan never leaves a position without its stop. Audited.
 */
export function guardPlanBrackets(deps: BracketGuardDeps): BracketGuard {
  const handled = new Set<string>();
  const running = new Set<Promise<void>>();
  const stop = deps.orderUpdates((order) => {
    if (order.bracketRole !== 'stop-loss' || order.parentClientOrderId === null) return;
    if (order.state !== 'REJECTED' && order.state !== 'EXPIRED') return;
    const parent = order.parentClientOrderId;
    if (handled.has(order.clientOrderId) || !deps.isPlanEntry(parent)) return;
    const executor = deps.executorFor(order.bookId);
    if (executor === undefined) return;
    handled.add(order.clientOrderId);
    // After the executor's own handling of this update: the observer runs inside it.
    const work = Promise.resolve()
      .then(() => unwind(executor, deps.audit, order, parent))
      .catch(deps.onError);
    running.add(work);
    void work.finally(() => running.delete(work));
  });
  return {
    stop,
    idle: async () => {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}

async function unwind(
  executor: GuardedExecutor,
  audit: AuditLog,
  stop: OrderView,
  parentId: string,
): Promise<void> {
  // The target is sent beside the stop: let its submit finish, so the cancel reaches an order
  // the venue knows rather than racing its acknowledgement.
  await executor.idle();
  const why = `stop-loss ${stop.clientOrderId} ${stop.state}: ${stop.reason ?? 'no reason given'}`;
  const entry = executor.view(parentId);
  const canceled: string[] = [];
  if (!FINAL_ORDER_STATES.has(entry.state)) {
    await executor.cancel(parentId, UNWIND_ACTOR, `bracket unwound: ${why}`);
    canceled.push(parentId);
  }
  for (const sibling of executor.orders.children(parentId)) {
    if (sibling.client_order_id === stop.clientOrderId) continue;
    if (FINAL_ORDER_STATES.has(sibling.state)) continue;
    await executor.cancel(sibling.client_order_id, UNWIND_ACTOR, `bracket unwound: ${why}`);
    canceled.push(sibling.client_order_id);
  }
  const filled = executor.view(parentId).filledQty;
  let close: OrderView | null = null;
  if (qtyOf(filled, 'filled') > 0n) {
    close = await executor.place(
      {
        symbol: entry.symbol,
        side: entry.side === 'buy' ? 'sell' : 'buy',
        type: 'market',
        qty: filled,
        reduceOnly: true,
      },
      UNWIND_ACTOR,
    );
  }
  audit.append({
    kind: 'plan.bracket_unwound',
    actor: UNWIND_ACTOR,
    payload: {
      entry: parentId,
      stop: stop.clientOrderId,
      reason: why,
      canceled,
      close: close === null ? null : { clientOrderId: close.clientOrderId, state: close.state },
    },
  });
}
