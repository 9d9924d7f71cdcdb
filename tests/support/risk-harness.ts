import type { EventEnvelope } from '../../src-shared/contract/events';
import { AuditLog } from '../../src-main/engine/audit/audit-log';
import type { Clock } from '../../src-main/engine/clock';
import { EventBus } from '../../src-main/engine/event-bus';
import type { KillVenue } from '../../src-main/engine/kill/kill-venue';
import { KillLatchFile } from '../../src-main/engine/kill/kill-latch-file';
import { RiskSystem } from '../../src-main/engine/risk/risk-system';
import { Settings } from '../../src-main/engine/settings';
import { CORE_MIGRATIONS } from '../../src-main/engine/store/migrations';
import { openStore, type Store } from '../../src-main/engine/store/open-store';
import { ManualClock } from './manual-clock';
import { instantSleep } from './instant-sleep';

export interface RiskHarness {
  readonly store: Store;
  readonly clock: ManualClock;
  readonly risk: RiskSystem;
  readonly events: EventEnvelope[];
  readonly errors: unknown[];
  readonly sleep: ReturnType<typeof instantSleep>;
  auditKinds(): string[];
  auditRows(kind: string): Array<{ actor: string; payload: Record<string, unknown> }>;
  /** A second RiskSystem on the same database, as after a restart. */
  restart(venues: readonly KillVenue[]): RiskSystem;
}

/** A RiskSystem on a fresh SQLite store (file path or :memory:), with a manual clock. */
export function riskHarness(
  venues: readonly KillVenue[],
  path = ':memory:',
  timeZone = 'UTC',
  /** A kill latch file, opened afresh by every build (as an engine start does). */
  latchPath?: string,
  /** Market time, when it is not the clock (a replay, a backtest). */
  marketClock?: Clock,
): RiskHarness {
  // Risk needs only the core schema (meta + audit chain); the other areas' tables would only
  // slow down property tests that open hundreds of stores.
  const store = openStore(path, CORE_MIGRATIONS);
  const clock = new ManualClock(Date.UTC(2026, 2, 10, 12));
  const events: EventEnvelope[] = [];
  const errors: unknown[] = [];
  const sleep = instantSleep();
  let latch: KillLatchFile | undefined;
  const build = (v: readonly KillVenue[]): RiskSystem => {
    const bus = new EventBus((e) => errors.push(e));
    bus.subscribe((e) => events.push(e));
    latch?.close();
    latch = latchPath === undefined ? undefined : KillLatchFile.open(latchPath);
    return new RiskSystem({
      databasePath: path,
      ...(latch === undefined ? {} : { latch }),
      settings: new Settings(store.db),
      audit: new AuditLog(store.db, clock),
      events: bus,
      clock,
      ...(marketClock === undefined ? {} : { marketClock }),
      venues: v,
      sleep,
      timeZone,
      atomically: (fn) => store.db.transaction(fn)(),
      onError: (e) => errors.push(e),
    });
  };
  const rows = (): Array<{ kind: string; actor: string; payload: string }> =>
    store.db.prepare('SELECT kind, actor, payload FROM audit_log ORDER BY seq').all() as Array<{
      kind: string;
      actor: string;
      payload: string;
    }>;
  return {
    store,
    clock,
    risk: build(venues),
    events,
    errors,
    sleep,
    auditKinds: () => rows().map((r) => r.kind),
    auditRows: (kind) =>
      rows()
        .filter((r) => r.kind === kind)
        .map((r) => ({
          actor: r.actor,
          payload: JSON.parse(r.payload) as Record<string, unknown>,
        })),
    restart: build,
  };
}
