import { RefusedError } from '../../../src-shared/contract/command-refusal';
import type { marketCommands } from '../../../src-shared/contract/market';
import type { CommandHandlers } from '../../../src-shared/contract/handlers';
import { seriesId } from './market-feed';
import type { MarketService } from './market-service';

export function marketHandlers(
  market: MarketService,
): Pick<CommandHandlers, keyof typeof marketCommands> {
  return {
    listSymbols: () => ({ feed: market.status(), series: market.series() }),
    getCandles: ({ exchange, symbol, timeframe, from, to, limit }) =>
      market.candles({ exchange, symbol, timeframe }, { from, to, limit }),
    watchBars: ({ series }, caller) => {
      if (caller.connection === undefined) {
        throw new RefusedError('watchBars needs a connection (WebSocket or the app window)');
      }
      caller.connection.setBarInterest(series.map(seriesId));
      return { watching: series.length };
    },
    controlReplay: (input) => market.controlReplay(input),
    getReplayState: () => market.replayFeed().state(),
  };
}
