import type { Database } from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { EventBus } from '../event-bus';
import type { ExecutionService } from '../execution/execution-service';
import { Journal } from '../journal/journal';
import type { PlanService } from '../plans/plan-service';
import type { RiskSystem } from '../risk/risk-system';
import type { SignalBoard } from '../scanner/signal-board';

export interface JournalDeps {
  readonly db: Database;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly risk: RiskSystem;
  readonly execution: ExecutionService;
  readonly signals: SignalBoard;
  /** Built before the journal: a plan's stop and signal outrank the bracket's. */
  readonly plans: PlanService;
  readonly onError: (error: unknown) => void;
}

/** The trade journal, measuring trades against their plan first when one sent them. */
export function composeJournal(deps: JournalDeps): Journal {
  const { execution, plans } = deps;
  const journal = new Journal({
    db: deps.db,
    audit: deps.audit,
    clock: deps.clock,
    timeZone: () => deps.risk.config.current.timeZone,
    bookCurrency: (bookId) => execution.ledger.book(bookId)?.quoteAsset ?? null,
    bracketStop: (bookId, cid) =>
      execution.book(bookId)?.executor.orders.byClientId(cid)?.bracket_stop ?? null,
    signals: deps.signals,
    changed: (event) => deps.events.publish('journalChanged', event),
    onError: deps.onError,
  });
  // A trade entered from a plan is measured against the plan's stop and keeps the signal of
  // the plan's timeframe, ahead of the bracket leg and the market's strongest timeframe.
  journal.addStopSource(({ clientOrderId }) => {
    const plan = plans.forEntry(clientOrderId);
    return plan === null ? null : { stop: plan.stop, source: 'plan' };
  });
  journal.addPlanSource(({ clientOrderId }) => plans.journalPlanFor(clientOrderId));
  journal.addEntryTimeframeSource(
    ({ clientOrderId }) => plans.forEntry(clientOrderId)?.timeframe ?? null,
  );
  return journal;
}
