import type { Database } from 'better-sqlite3';
import type { Clock, Scheduler } from '../clock';
import type { EventBus } from '../event-bus';
import { CandleStore } from '../market/candle-store';
import { MarketService } from '../market/market-service';
import { SavedReplaySchema } from '../market/replay-position';
import type { Settings } from '../settings';

/** Settings key of the replay position (a restart resumes there). */
const REPLAY_POSITION_KEY = 'replay_position';

export interface MarketDeps {
  readonly db: Database;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly settings: Settings;
  /** Why the replay may not move now (open positions, working orders), or null. */
  readonly seekRefusal: () => string | null;
  readonly onError: (error: unknown) => void;
}

/** Candles, feeds and the replay, its position kept in the settings across restarts. */
export function composeMarket(deps: MarketDeps): MarketService {
  const { settings } = deps;
  return new MarketService({
    events: deps.events,
    clock: deps.clock,
    scheduler: deps.scheduler,
    onError: deps.onError,
    store: new CandleStore(deps.db),
    replayPosition: {
      load: () => settings.get(REPLAY_POSITION_KEY, (v) => SavedReplaySchema.parse(v), null),
      save: (position) => settings.set(REPLAY_POSITION_KEY, position),
    },
    seekRefusal: deps.seekRefusal,
  });
}
