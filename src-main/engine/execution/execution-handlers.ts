import type { BookValuation, executionCommands } from '../../../src-shared/contract/execution';
import type { CallerContext, CommandHandlers } from '../../../src-shared/contract/handlers';
import type { ExecutionService } from './execution-service';

const actorOf = (caller: CallerContext): string => `user:${caller.origin}`;

export function executionHandlers(
  execution: ExecutionService,
  valuation: () => BookValuation,
): Pick<CommandHandlers, keyof typeof executionCommands> {
  const bookId = execution.broker.bookId;
  return {
    placeOrder: (input, caller) => execution.executor.place(input, actorOf(caller)),
    cancelOrder: (input, caller) => execution.executor.cancel(input.clientOrderId, actorOf(caller)),
    cancelAllOrders: (input, caller) => execution.executor.cancelAll(actorOf(caller), input.symbol),
    listOrders: (input) => ({ orders: execution.executor.list(input.open, input.limit) }),
    listFills: (input) => ({
      fills: execution.ledger
        .fills(bookId, input.symbol === undefined ? undefined : { symbol: input.symbol })
        .slice(-input.limit),
    }),
    getPositions: () => ({ positions: execution.ledger.positions(bookId) }),
    getBookValuation: () => valuation(),
    listMarkets: () => ({
      markets: execution.broker.markets().map((m) => ({
        symbol: m.symbol,
        base: m.base,
        quote: m.quote,
        tickSize: m.tickSize,
        stepSize: m.stepSize,
        minQty: m.minQty,
        minNotional: m.minNotional,
      })),
    }),
    getBalances: async () => {
      const book = execution.ledger.book(bookId);
      if (book === null) throw new Error(`no ledger book '${bookId}'`);
      const venue = (await execution.broker.balances()).map((b) => ({ bookId, ...b }));
      const { bookId: _omit, ...ledger } = book;
      return { venue, ledger };
    },
    closePosition: (input, caller) =>
      execution.closePosition(input.symbol, input.qty, actorOf(caller)),
    resetPaperAccount: (input, caller) =>
      execution.resetPaper(
        input.startingBalance,
        actorOf(caller),
        input.reason,
        input.marginTrading,
      ),
  };
}
