import type { Database } from 'better-sqlite3';
import type { RiskEventRecord } from './report-source';

interface AuditRow {
  readonly at: number;
  readonly kind: string;
  readonly actor: string;
  readonly payload: string;
}

/** Actors that stop trading on their own (risk limits, panic detectors, the engine). */
const AUTOMATIC_ACTOR = /^(risk|panic|system)(:|$)/;

/**
 * Risk events of a period from the audit chain: gate rejections ('risk.rejected', by rule),
 * automatic halts and human kills ('kill.triggered'; a trigger joining a running kill is not
 * counted again). The audit rows do not name a book, so these are the engine's events in the
 * period, whichever book was trading.
 */
export function auditRiskEvents(db: Database, fromMs: number, toMs: number): RiskEventRecord[] {
  const rows = db
    .prepare(
      `SELECT at, kind, actor, payload FROM audit_log
       WHERE at >= ? AND at < ? AND kind IN ('risk.rejected', 'kill.triggered') ORDER BY seq`,
    )
    .all(fromMs, toMs) as AuditRow[];
  const events: RiskEventRecord[] = [];
  for (const row of rows) {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    const reason = typeof payload.reason === 'string' ? payload.reason : '';
    if (row.kind === 'risk.rejected') {
      const rule =
        typeof payload.rule === 'string' ? payload.rule : row.actor.replace(/^risk:/, '');
      events.push({ at: row.at, kind: 'rejection', rule, reason });
    } else if (payload.joined !== true) {
      const kind = AUTOMATIC_ACTOR.test(row.actor) ? 'halt' : 'kill';
      events.push({ at: row.at, kind, rule: row.actor, reason });
    }
  }
  return events;
}
