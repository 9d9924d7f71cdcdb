import type { marketCommands } from '../../../src-shared/contract/market';
import type { CommandHandlers } from '../../../src-shared/contract/handlers';
import type { MarketService } from './market-service';

export function marketHandlers(
  market: MarketService,
): Pick<CommandHandlers, keyof typeof marketCommands> {
  return {
    listSymbols: () => ({ feed: market.status(), series: market.series() }),
    getCandles: ({ exchange, symbol, timeframe, from, to, limit }) =>
      market.candles({ exchange, symbol, timeframe }, { from, to, limit }),
    controlReplay: ({ action, speed }) => market.controlReplay(action, speed),
  };
}
