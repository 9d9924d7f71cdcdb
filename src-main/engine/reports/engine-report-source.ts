import type { Database } from 'better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { AuditAnchor } from '../audit/audit-anchor';
import type { Clock } from '../clock';
import { LedgerReadModel } from '../ledger/ledger-read-model';
import type { LedgerReader } from '../ledger/ledger-types';
import { auditRiskEvents } from './audit-risk-events';
import { LedgerReportSource } from './ledger-report-source';
import { ledgerTransfers } from './ledger-transfers';
import type { ReportSource } from './report-source';

/** What reports need of a running engine: its database, clock and the execution core's ledger. */
export interface ReportEngineParts {
  readonly store: { readonly db: Database };
  readonly clock: Clock;
  readonly execution?: { readonly ledger: LedgerReader };
}

/** The report source over a ledger and the database holding it (audit chain, transfers). */
export function ledgerSourceOn(db: Database, ledger: LedgerReader, nowMs: number): ReportSource {
  return new LedgerReportSource(ledger, {
    riskEvents: (fromMs, toMs) => auditRiskEvents(db, fromMs, toMs),
    cashFlows: (book, fromMs, toMs) => ledgerTransfers(db, book, fromMs, toMs),
    nowMs,
  });
}

/**
 * The report source of a running engine: the execution core's ledger, plus risk rejections,
 * halts and kills from the audit chain and transfers. Refuses clearly without a ledger.
 */
export function engineReportSource(engine: ReportEngineParts): ReportSource {
  const ledger = engine.execution?.ledger;
  if (ledger === undefined) {
    throw new Error(
      'reports need the ledger of the execution core, which this engine does not have',
    );
  }
  return ledgerSourceOn(engine.store.db, ledger, engine.clock.now());
}

/** A read-only ledger opened from a database file, for the CLI. */
export interface OpenedReportSource {
  readonly source: ReportSource;
  /** The audit chain's head in this database (printed in the report), when it has one. */
  readonly auditAnchor?: AuditAnchor;
  close(): void;
}

/**
 * Opens a Vigil database read-only (SQLite refuses every write on this connection, so an
 * export can never change the ledger) and serves reports from its ledger tables.
 */
export function openReportSource(path: string, nowMs: number): OpenedReportSource {
  if (!existsSync(path)) throw new Error(`no Vigil database at ${path}`);
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  const hasLedger = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'ledger_fills'")
    .get();
  if (hasLedger === undefined) {
    db.close();
    throw new Error(
      `${path} has no ledger yet (no order was ever placed with this Vigil data folder)`,
    );
  }
  const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    AuditAnchor | undefined;
  return {
    source: ledgerSourceOn(db, new LedgerReadModel(db), nowMs),
    ...(head === undefined ? {} : { auditAnchor: { seq: head.seq, hash: head.hash } }),
    close: () => db.close(),
  };
}
