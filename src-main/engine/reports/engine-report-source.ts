import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock';
import type { LedgerReader } from '../ledger/ledger-types';
import { auditRiskEvents } from './audit-risk-events';
import { LedgerReportSource } from './ledger-report-source';
import type { ReportSource } from './report-source';

/** What reports need of a running engine; `ledger` arrives with the execution core. */
export interface ReportEngineParts {
  readonly store: { readonly db: Database };
  readonly clock: Clock;
  readonly ledger?: LedgerReader;
}

/**
 * The report source of a running engine: the execution core's ledger, plus risk rejections,
 * halts and kills from the audit chain. Refuses clearly when the engine has no ledger.
 */
export function engineReportSource(engine: ReportEngineParts): ReportSource {
  const ledger = engine.ledger;
  if (ledger === undefined) {
    throw new Error(
      'reports need the ledger of the execution core, which this engine does not have',
    );
  }
  return new LedgerReportSource(ledger, {
    riskEvents: (fromMs, toMs) => auditRiskEvents(engine.store.db, fromMs, toMs),
    nowMs: engine.clock.now(),
  });
}
