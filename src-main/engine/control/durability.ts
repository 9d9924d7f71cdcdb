import type {
  Durability as DurabilityStatus,
  DurabilityProblem,
  DurabilityTopic,
} from '../../../src-shared/contract/risk';
import type { AuditEvent, AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { EventBus } from '../event-bus';
import { asStorageError } from '../store/storage-failure';

/** A write of the control or kill path failed: logged by the hosts, shown in the cockpit. */
export class PersistFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PersistFailedError';
  }
}

/** What each topic is, in the words of a problem line. */
const WHAT: Readonly<Record<DurabilityTopic, string>> = {
  'latch-file': 'kill latch file not written',
  'control-record': 'control mode not recorded in the database',
  'kill-record': 'kill state not recorded in the database',
  audit: 'audit rows not yet in the chain',
};

/** A topic whose latest state is rewritten whole on retry (audit rows queue instead). */
export type RecordTopic = Exclude<DurabilityTopic, 'audit'>;

/** Audit rows kept for a later write; beyond this the oldest are dropped, and counted. */
const MAX_PENDING_AUDIT = 10_000;

export interface DurabilityDeps {
  readonly audit: AuditLog;
  readonly events: EventBus;
  readonly clock: Clock;
  /** The database file, named in messages about SQLite's refusals. */
  readonly databasePath: string;
  /** Called once per new problem: the hosts log it (loud, never swallowed). */
  readonly onProblem: (message: string) => void;
}

/**
 * The control and kill path's writes, watched. A write that fails (a full disk, a read-only
 * folder, a closed database) never throws at the kill: it is recorded as a problem, shown in
 * every status and the kill reply, announced (durabilityChanged) and retried until it
 * succeeds — the latest kill state and control record, and every audit row, in order, marked
 * as written late. Nothing on this path is dropped without being counted.
 */
export class Durability {
  private readonly problems = new Map<DurabilityTopic, DurabilityProblem>();
  /** The write to retry per topic: always the latest (a newer state replaces an older one). */
  private readonly retries = new Map<RecordTopic, { where: string; write: () => void }>();
  private readonly pendingAudit: Array<{ event: AuditEvent; at: number }> = [];
  private droppedAudit = 0;
  private latchOnDisk = true;

  constructor(private readonly deps: DurabilityDeps) {}

  /**
   * Runs `write`. On failure the problem is recorded and `write` kept to retry; true when it
   * succeeded now. `where` names the file a SQLite refusal is about.
   */
  attempt(topic: RecordTopic, where: string, write: () => void): boolean {
    try {
      write();
    } catch (error) {
      this.retries.set(topic, { where, write });
      this.fail(topic, error, where);
      return false;
    }
    this.retries.delete(topic);
    // The mode's own record landed (now, or on a retry): the mode held in memory is on disk.
    if (topic === 'control-record' || topic === 'latch-file') this.setLatchDurable(true);
    this.clear(topic);
    return true;
  }

  /** Appends to the audit chain now, or keeps the row to append later (marked late). */
  audit(event: AuditEvent): boolean {
    if (this.pendingAudit.length === 0 && this.tryAppend(event)) return true;
    this.pendingAudit.push({ event, at: this.deps.clock.now() });
    if (this.pendingAudit.length > MAX_PENDING_AUDIT) {
      this.pendingAudit.shift();
      this.droppedAudit += 1;
    }
    this.flushAudit();
    return false;
  }

  /** Retries every pending write, oldest concern first. Cheap when nothing is pending. */
  flush(): void {
    for (const [topic, { where, write }] of [...this.retries]) this.attempt(topic, where, write);
    this.flushAudit();
  }

  /** Whether anything still waits to be written. */
  get pending(): boolean {
    return this.retries.size > 0 || this.pendingAudit.length > 0;
  }

  /** Set by the control modes: is the mode held in memory on disk somewhere? */
  setLatchDurable(durable: boolean): void {
    if (durable === this.latchOnDisk) return;
    this.latchOnDisk = durable;
    this.announce();
  }

  /** Records a problem that has no retry (e.g. the latch file could not be created). */
  report(topic: DurabilityTopic, error: unknown, where: string): void {
    this.fail(topic, error, where);
  }

  status(): DurabilityStatus {
    return {
      latchDurable: this.latchOnDisk,
      pendingAuditRows: this.pendingAudit.length,
      problems: [...this.problems.values()],
    };
  }

  /** Said once more at shutdown: what never reached the disk. */
  unwritten(): string | null {
    const rows = this.pendingAudit.length + this.droppedAudit;
    const records = [...this.retries.keys()].map((t) => WHAT[t]);
    if (rows === 0 && records.length === 0) return null;
    return [
      ...records,
      ...(rows > 0 ? [`${rows} audit row(s) were never written to the chain`] : []),
    ].join('; ');
  }

  private flushAudit(): void {
    while (this.pendingAudit.length > 0) {
      const next = this.pendingAudit[0] as { event: AuditEvent; at: number };
      const late = {
        ...next.event,
        payload: { ...next.event.payload, writtenLate: { happenedAt: next.at } },
      };
      if (!this.tryAppend(late)) return;
      this.pendingAudit.shift();
    }
    if (this.droppedAudit > 0) {
      const dropped = this.droppedAudit;
      this.droppedAudit = 0;
      if (
        !this.tryAppend({
          kind: 'audit.rows_lost',
          actor: 'system:durability',
          payload: { count: dropped, reason: 'the database refused writes for too long' },
        })
      ) {
        this.droppedAudit = dropped;
        return;
      }
    }
    this.clear('audit');
  }

  private tryAppend(event: AuditEvent): boolean {
    try {
      this.deps.audit.append(event);
      return true;
    } catch (error) {
      this.fail('audit', error, this.deps.databasePath);
      return false;
    }
  }

  private fail(topic: DurabilityTopic, error: unknown, where: string): void {
    const storage = asStorageError(error, where);
    const why = storage?.message ?? (error instanceof Error ? error.message : String(error));
    const message = `${WHAT[topic]}: ${why}`;
    const known = this.problems.get(topic);
    if (known?.message === message) return;
    this.problems.set(topic, {
      topic,
      what: WHAT[topic],
      why,
      message,
      since: known?.since ?? this.deps.clock.now(),
    });
    this.deps.onProblem(message);
    this.announce();
  }

  private clear(topic: DurabilityTopic): void {
    if (this.problems.delete(topic)) this.announce();
  }

  private announce(): void {
    this.deps.events.publish('durabilityChanged', this.status());
  }
}
