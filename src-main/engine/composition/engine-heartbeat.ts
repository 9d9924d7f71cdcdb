import type { Clock, Scheduler } from '../clock';
import type { EventBus } from '../event-bus';
import type { ExecutionService } from '../execution/execution-service';
import type { MarketService } from '../market/market-service';
import { checkStaleQuotes, heldSymbols, quotesExpected } from '../risk/panic/panic-feeds';
import type { RiskSystem } from '../risk/risk-system';
import type { EngineStatus } from '../../../src-shared/contract/status';

export interface HeartbeatDeps {
  readonly scheduler: Scheduler;
  readonly everyMs: number;
  readonly clock: Clock;
  readonly risk: RiskSystem;
  readonly market: MarketService;
  readonly execution: ExecutionService;
  readonly events: EventBus;
  readonly status: () => EngineStatus;
}

/** The engine's beat: retries refused control-path writes, the stale-quote panic, the status. Returns its stop. */
export function startHeartbeat(deps: HeartbeatDeps): () => void {
  const { risk, clock } = deps;
  return deps.scheduler.every(deps.everyMs, () => {
    // What the disk refused on the control path is retried with every beat.
    risk.durability.flush();
    // Held symbols without fresh quotes while live prices play: the stale-quote panic.
    checkStaleQuotes(
      risk.panic,
      quotesExpected(deps.market, risk.config.current.panic.staleQuoteMs, clock.now()),
      () => heldSymbols(deps.execution),
      clock.now(),
    );
    deps.events.publish('statusChanged', deps.status());
  });
}
