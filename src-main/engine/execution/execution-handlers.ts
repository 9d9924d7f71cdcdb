import type { BookValuation, executionCommands } from '../../../src-shared/contract/execution';
import type { CallerContext, CommandHandlers } from '../../../src-shared/contract/handlers';
import type { TradingModeService } from '../trading/trading-mode';
import type { ExecutionService } from './execution-service';

const actorOf = (caller: CallerContext): string => `user:${caller.origin}`;

/**
 * Orders, fills, positions and balances of the active book (PAPER, SHADOW or LIVE: the
 * trading mode picks it at each call). An order of another book is refused by its id.
 */
export function executionHandlers(
  execution: ExecutionService,
  trading: Pick<TradingModeService, 'place'>,
  valuation: () => BookValuation,
  /** The book changed outside a fill or mark (a paper reset): windows get its new valuation. */
  bookChanged: () => void,
): Pick<CommandHandlers, keyof typeof executionCommands> {
  return {
    placeOrder: (input, caller) => trading.place(input, actorOf(caller)),
    cancelOrder: (input, caller) => execution.executor.cancel(input.clientOrderId, actorOf(caller)),
    cancelAllOrders: (input, caller) => execution.executor.cancelAll(actorOf(caller), input.symbol),
    listOrders: (input) => ({ orders: execution.executor.list(input.open, input.limit) }),
    listFills: (input) => ({
      fills: execution.ledger
        .fills(
          execution.activeBookId,
          input.symbol === undefined ? undefined : { symbol: input.symbol },
        )
        .slice(-input.limit),
    }),
    getPositions: () => ({ positions: execution.ledger.positions(execution.activeBookId) }),
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
      const bookId = execution.activeBookId;
      const book = execution.ledger.book(bookId);
      if (book === null) throw new Error(`no ledger book '${bookId}'`);
      const venue = (await execution.broker.balances()).map((b) => ({ bookId, ...b }));
      const { bookId: _omit, ...ledger } = book;
      return { venue, ledger };
    },
    closePosition: (input, caller) =>
      execution.closePosition(input.symbol, input.qty, actorOf(caller)),
    resetPaperAccount: (input, caller) => {
      const reset = execution.resetPaper(
        input.startingBalance,
        actorOf(caller),
        input.reason,
        input.marginTrading,
      );
      // No bar may come for a while (a paused replay): the equity shown must not wait for one.
      bookChanged();
      return reset;
    },
  };
}
