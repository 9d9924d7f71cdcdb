import {
  AlertSettingsSchema,
  DEFAULT_ALERT_SETTINGS,
  type AlertChannelName,
  type AlertChannelStatus,
  type AlertSecretStatus,
  type AlertSettings,
  type AlertStatus,
} from '../../../src-shared/contract/alerts';
import type { AuditLog } from '../audit/audit-log';
import type { Clock, Scheduler } from '../clock';
import type { EventBus } from '../event-bus';
import { zonedDayKey } from '../risk/zoned-day';
import type { Settings } from '../settings';
import { SettingsRecord } from '../settings-record';
import type { AlertChannel } from './alert-channel';
import type { AlertMessage } from './alert-message';
import { AlertQueue } from './alert-queue';
import { AlertRouter } from './alert-router';

const SUMMARY_DAY_KEY = 'alert_summary_day';
/** The failure title of a channel whose credentials could not be read. */
const CREDENTIALS = 'credentials';

export interface AlertSystemDeps {
  readonly settings: Settings;
  readonly audit: AuditLog;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly channels: readonly AlertChannel[];
  /** Each channel's secret as it may be shown: set or not and its masked tail. */
  readonly secretStatus: (channel: AlertChannelName) => AlertSecretStatus;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** The trader's zone, for the daily summary's time. */
  readonly timeZone: () => string;
  /** The daily summary's text, from the engine's book. */
  readonly summary: () => { title: string; body: string };
  readonly initialMode: string;
  readonly onError: (error: unknown) => void;
}

interface ChannelState {
  readonly channel: AlertChannel;
  readonly queue: AlertQueue;
  configured: boolean;
  failure: AlertChannelStatus['failure'];
}

/**
 * Alerts that reach a trader away from the screen: engine events routed by the settings to
 * Telegram and a webhook, each through its own queue (retry, rate limit, never blocking the
 * engine). Every delivery and every failure is audited — titles and errors only, never a
 * credential — and a failure shows in the cockpit until a later message gets through.
 */
export class AlertSystem {
  private readonly stored: SettingsRecord<AlertSettings>;
  private readonly states: ChannelState[];
  private readonly router: AlertRouter;
  private readonly offs: Array<() => void> = [];

  constructor(private readonly deps: AlertSystemDeps) {
    this.stored = new SettingsRecord(
      {
        key: 'alert_settings',
        label: 'alert settings',
        auditKind: 'alert.settings_changed',
        schema: AlertSettingsSchema,
        defaults: DEFAULT_ALERT_SETTINGS,
      },
      deps.settings,
      deps.audit,
    );
    this.router = new AlertRouter(deps.initialMode);
    this.states = deps.channels.map((channel) => {
      const state: ChannelState = {
        channel,
        configured: false,
        failure: null,
        queue: new AlertQueue({
          channel,
          clock: deps.clock,
          sleep: deps.sleep,
          random: deps.random,
          perMinute: () => this.settings.perMinute,
          onDelivered: (message, attempts) => {
            state.failure = null;
            this.record('alert.sent', {
              channel: channel.name,
              kind: message.kind,
              title: message.title,
              attempts,
            });
          },
          onFailed: (message, error, attempts) => {
            state.failure = { at: deps.clock.now(), title: message.title, error, attempts };
            this.record('alert.failed', {
              channel: channel.name,
              kind: message.kind,
              title: message.title,
              attempts,
              error,
            });
          },
          onChange: () => this.publish(),
        }),
      };
      return state;
    });
  }

  get settings(): AlertSettings {
    return this.stored.current;
  }

  start(): void {
    this.offs.push(
      this.deps.events.subscribe((event) => {
        try {
          const message = this.router.route(event, this.settings, this.deps.clock.now());
          if (message !== null) this.send(message);
        } catch (error) {
          this.deps.onError(error);
        }
      }),
    );
    this.offs.push(this.deps.scheduler.every(60_000, () => this.maybeDailySummary()));
    void this.refreshConfigured();
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
    for (const s of this.states) s.queue.stop();
  }

  /** Queues a message on every enabled channel. Synchronous; never throws at the caller. */
  send(message: AlertMessage): AlertChannelName[] {
    const queued: AlertChannelName[] = [];
    for (const s of this.states) {
      if (!this.settings[s.channel.name]) continue;
      s.queue.push(message);
      queued.push(s.channel.name);
    }
    return queued;
  }

  update(changes: Partial<AlertSettings>, actor: string): AlertSettings {
    const next = this.stored.update(changes, actor);
    void this.refreshConfigured();
    return next;
  }

  async status(): Promise<AlertStatus> {
    await this.refreshConfigured();
    return this.snapshot();
  }

  /** Reads the credentials again (a secret was set or deleted) and publishes the status. */
  refresh(): Promise<void> {
    return this.refreshConfigured();
  }

  /** Resolves when every queue is empty (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all(this.states.map((s) => s.queue.idle()));
  }

  private snapshot(): AlertStatus {
    return {
      settings: this.settings,
      timeZone: this.deps.timeZone(),
      channels: this.states.map((s) => {
        const { set, hint, setAt } = this.deps.secretStatus(s.channel.name);
        return {
          channel: s.channel.name,
          enabled: this.settings[s.channel.name],
          configured: s.configured,
          secret: { set, hint, setAt },
          queued: s.queue.queued,
          sent: s.queue.sent,
          failure: s.failure,
        };
      }),
    };
  }

  private async refreshConfigured(): Promise<void> {
    for (const s of this.states) {
      try {
        s.configured = await s.channel.configured();
        // A keychain that could not be read before (locked, entry missing) reads again now.
        if (s.failure?.title === CREDENTIALS) s.failure = null;
      } catch (error) {
        s.configured = false;
        s.failure = {
          at: this.deps.clock.now(),
          title: CREDENTIALS,
          error: error instanceof Error ? error.message : String(error),
          attempts: 0,
        };
      }
    }
    this.publish();
  }

  private maybeDailySummary(): void {
    if (!this.settings.dailySummary) return;
    const now = this.deps.clock.now();
    const zone = this.deps.timeZone();
    const today = zonedDayKey(now, zone);
    if (this.deps.settings.get(SUMMARY_DAY_KEY, (v) => String(v), '') === today) return;
    const hhmm = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(now);
    if (hhmm < this.settings.dailySummaryAt) return;
    this.deps.settings.set(SUMMARY_DAY_KEY, today);
    const { title, body } = this.deps.summary();
    this.send({ kind: 'daily-summary', title, body, at: now });
  }

  private publish(): void {
    this.deps.events.publish('alertStatusChanged', this.snapshot());
  }

  private record(kind: string, payload: Record<string, unknown>): void {
    try {
      this.deps.audit.append({ kind, actor: 'system:alerts', payload });
    } catch (error) {
      this.deps.onError(error);
    }
    this.publish();
  }
}
