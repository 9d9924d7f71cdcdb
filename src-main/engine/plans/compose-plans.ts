import type { Database } from 'better-sqlite3';
import type { PipelineParts } from '../engine-parts';
import type { OrderEvaluator } from '../risk/risk-order-gate';
import type { TradingModeService } from '../trading/trading-mode';
import type { Settings } from '../settings';
import { Autopilot } from './autopilot';
import { guardPlanBrackets } from './bracket-guard';
import { PlanService } from './plan-service';
import { PlanStore } from './plan-store';
import { StopManager } from './stop-manager';

export interface PlanWiring {
  /** The risk gate's dry run, over the same deps as the executors' gate. */
  readonly evaluate: OrderEvaluator;
  readonly mark: (symbol: string) => number | null;
  readonly rate: (quote: string) => number | null;
  /** Market time (virtual in a replay or backtest): plans never read the wall clock. */
  readonly now: () => number;
  readonly onError: (error: unknown) => void;
}

/**
 * Trade plans on the active book: proposed from the board's signals, sent through the trading
 * mode's door (recorded only in SHADOW, the live book in LIVE), their brackets guarded on
 * every book.
 */
export function composePlans(
  parts: PipelineParts & {
    readonly trading: Pick<TradingModeService, 'place'>;
    readonly settings: Settings;
  },
  db: Database,
  wiring: PlanWiring,
): {
  readonly plans: PlanService;
  readonly autopilot: Autopilot;
  readonly stops: StopManager;
  readonly stop: () => void;
} {
  const { execution, risk } = parts;
  const store = new PlanStore(db);
  const guard = guardPlanBrackets({
    orderUpdates: (listener) =>
      parts.events.subscribe((e) => {
        if (e.kind === 'orderUpdated') listener(e.payload);
      }),
    executorFor: (bookId) => execution.book(bookId)?.executor,
    audit: parts.audit,
    isPlanEntry: (id) => store.forEntry(id) !== null,
    onError: wiring.onError,
  });
  const plans = new PlanService({
    store,
    audit: parts.audit,
    bookId: () => execution.activeBookId,
    markets: () => execution.broker.markets(),
    signals: () => parts.signals.list(),
    explain: (row) => parts.signals.explain(row),
    book: () => parts.bookSnapshot(),
    usage: (book) => risk.guard.usage(book),
    evaluate: wiring.evaluate,
    mark: wiring.mark,
    rate: wiring.rate,
    config: () => risk.config.current,
    now: wiring.now,
    place: async (request, actor) => parts.trading.place(request, actor),
    cancel: (id, actor, reason) => execution.executor.cancel(id, actor, reason),
  });
  const autopilot = new Autopilot({
    settings: parts.settings,
    audit: parts.audit,
    plans,
    publish: (status) => parts.events.publish('autopilotChanged', status),
    now: wiring.now,
    timeZone: () => risk.config.current.timeZone,
    activeBookId: () => execution.activeBookId,
    controlMode: () => risk.control.mode,
    exposed: (symbol) => {
      const book = parts.bookSnapshot();
      return (
        book.positions.some((p) => p.symbol === symbol && p.qty !== 0) ||
        book.workingEntries.some((w) => w.symbol === symbol)
      );
    },
    onError: wiring.onError,
  });
  const offAutopilot = parts.events.subscribe((e) => autopilot.onEvent(e));
  const stops = new StopManager({
    store,
    executorFor: (bookId) => execution.book(bookId)?.executor,
    executors: () => execution.allBooks().map((b) => b.executor),
    markets: () => execution.broker.markets(),
    audit: parts.audit,
    now: wiring.now,
    onError: wiring.onError,
  });
  const offStops = parts.events.subscribe((e) => stops.onEvent(e));
  return {
    plans,
    autopilot,
    stops,
    stop: () => {
      guard.stop();
      offAutopilot();
      offStops();
      autopilot.stop();
      stops.stop();
    },
  };
}
