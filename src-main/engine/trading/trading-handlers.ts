import type { CallerContext, CommandHandlers } from '../../../src-shared/contract/handlers';
import type { tradingCommands } from '../../../src-shared/contract/trading';
import type { TradingModeService } from './trading-mode';

const actorOf = (caller: CallerContext, via: string): string => `user:${via}@${caller.origin}`;

export function tradingHandlers(
  trading: TradingModeService,
): Pick<CommandHandlers, keyof typeof tradingCommands> {
  return {
    getTradingMode: () => trading.status(),
    setTradingMode: (input, caller) =>
      trading.set(
        {
          mode: input.mode,
          ...(input.connection === undefined ? {} : { connection: input.connection }),
          ...(input.confirm === undefined ? {} : { confirm: input.confirm }),
        },
        actorOf(caller, input.via),
      ),
    resolveForeignOrder: (input, caller) =>
      trading.resolveForeign(input.venue, input.clientOrderId, input.action, actorOf(caller, 'ui')),
  };
}
