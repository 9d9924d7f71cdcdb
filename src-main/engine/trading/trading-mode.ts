import { z } from 'zod';
import { InvalidInputError, RefusedError } from '../../../src-shared/contract/command-refusal';
import type { LiveVenueView, TradingModeStatus } from '../../../src-shared/contract/trading';
import type { ConnectionConfig } from '../../../src-shared/domain/connection';
import { TradingModeSchema, type TradingMode } from '../../../src-shared/domain/modes';
import type { BookId, OrderRequestInput, OrderView } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { ExecutionBook } from '../execution/execution-book';
import type { ExecutionService } from '../execution/execution-service';
import type { LiveBook } from '../execution/live/live-book';
import type { ConnectionsService } from '../market/connections/connections-service';
import { capabilitiesOf } from '../market/exchanges/exchange-capabilities';
import type { RiskSystem } from '../risk/risk-system';
import type { Settings } from '../settings';

const MODE_KEY = 'trading_mode';
const STATE_KEY = 'trading_mode_state';

const ModeStateSchema = z.object({
  connection: z.string().nullable(),
  actor: z.string(),
  reason: z.string(),
  at: z.number().int(),
});
type ModeState = z.infer<typeof ModeStateSchema>;

export interface TradingModeDeps {
  readonly settings: Settings;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly execution: ExecutionService;
  readonly risk: RiskSystem;
  readonly connections: ConnectionsService;
  /** Whether the engine plays live prices from the exchanges (LIVE needs them). */
  readonly liveSource: () => boolean;
  /** Builds and starts a connection's live book (see openLiveBook). */
  readonly openLive: (connection: ConnectionConfig) => Promise<LiveBook>;
  /** The SHADOW book (intents recorded, never sent). */
  readonly shadow: ExecutionBook;
  readonly onChanged: (status: TradingModeStatus) => void;
  readonly onError: (error: unknown) => void;
}

interface LiveEntry {
  readonly connection: ConnectionConfig;
  state: 'STARTING' | 'READY' | 'FAILED';
  problem: string | null;
  book: LiveBook | null;
}

/** A LIVE refusal: the message names the condition that is missing. */
export class LiveRefusedError extends RefusedError {
  constructor(message: string) {
    super(`LIVE refused: ${message}`);
    this.name = 'LiveRefusedError';
  }
}

/**
 * PAPER, SHADOW and LIVE: which book new orders go to, persisted, audited and announced.
 * LIVE needs, in this order: a connection, an exchange the live broker trades on, a stored key
 * the exchange verified as trade-only, live prices, the typed confirmation "LIVE <name>", no
 * paper order in flight, not HALTED, and the venue answering (its book opens and reconciles).
 * A live book keeps running when the mode goes back to PAPER: its resting stops stay managed
 * and the kill switch still sweeps it. After a restart in LIVE the book reopens in the
 * background; orders are refused, saying why, until it is ready.
 */
export class TradingModeService {
  private readonly live = new Map<string, LiveEntry>();
  private switching: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: TradingModeDeps) {}

  get mode(): TradingMode {
    return this.deps.settings.get(MODE_KEY, (v) => TradingModeSchema.parse(v), 'PAPER');
  }

  /** At engine start: a LIVE engine reopens its live book (in the background). */
  resume(): void {
    const mode = this.mode;
    const state = this.state();
    if (mode === 'SHADOW') this.deps.execution.activate('shadow');
    if (mode !== 'LIVE' || state.connection === null) return;
    let connection: ConnectionConfig;
    try {
      connection = this.deps.connections.registry.get(state.connection);
    } catch (error) {
      this.deps.onError(
        new Error(`LIVE on '${state.connection}', which no longer exists: ${String(error)}`),
      );
      return;
    }
    void this.ensureLive(connection).then(
      (book) => {
        if (this.mode === 'LIVE') this.deps.execution.activate(book.bookId);
        this.announce();
      },
      (error: unknown) => this.deps.onError(error),
    );
  }

  async stop(): Promise<void> {
    for (const entry of this.live.values()) await entry.book?.stop();
  }

  status(): TradingModeStatus {
    const state = this.state();
    return {
      mode: this.mode,
      connection: this.mode === 'LIVE' ? state.connection : null,
      bookId: this.deps.execution.activeBookId,
      actor: state.actor,
      reason: state.reason,
      at: state.at,
      live: [...this.live.values()].map((e) => this.view(e)),
    };
  }

  /** Every live book that is open (for the kill switch's scope, reports and status). */
  liveBooks(): LiveBook[] {
    return [...this.live.values()].flatMap((e) => (e.book === null ? [] : [e.book]));
  }

  /**
   * A new order into the active book: recorded only in SHADOW; refused in LIVE while the live
   * book is not ready or the venue shows orders Vigil did not place.
   */
  place(input: OrderRequestInput, actor: string): Promise<OrderView> | OrderView {
    const mode = this.mode;
    if (mode === 'SHADOW') return this.deps.shadow.executor.record(input, actor);
    if (mode === 'LIVE') {
      const entry = this.live.get(this.state().connection ?? '');
      if (entry?.book == null || entry.state !== 'READY') {
        throw new RefusedError(
          `LIVE on '${this.state().connection ?? '?'}': the live book is ${entry?.state ?? 'not open'}${entry?.problem == null ? '' : ` (${entry.problem})`}; no order was sent`,
        );
      }
      const reduceOnly = (input as { reduceOnly?: boolean }).reduceOnly === true;
      const foreign = entry.book.entryRefusal();
      if (foreign !== null && !reduceOnly) throw new RefusedError(foreign);
    }
    return this.deps.execution.executor.place(input, actor);
  }

  async set(
    input: { mode: TradingMode; connection?: string; confirm?: string },
    actor: string,
  ): Promise<TradingModeStatus> {
    const run = this.switching.then(() => this.apply(input, actor));
    this.switching = run.catch(() => undefined);
    return run;
  }

  async resolveForeign(
    venue: string,
    clientOrderId: string,
    action: 'adopt' | 'cancel',
    actor: string,
  ): Promise<TradingModeStatus> {
    const book = this.liveBooks().find((b) => b.broker.venue === venue);
    if (book === undefined) throw new RefusedError(`no live book on ${venue}`);
    await book.resolveForeign(clientOrderId, action, actor);
    this.announce();
    return this.status();
  }

  private async apply(
    input: { mode: TradingMode; connection?: string; confirm?: string },
    actor: string,
  ): Promise<TradingModeStatus> {
    const from = this.mode;
    if (input.mode !== 'LIVE') {
      if (input.connection !== undefined || input.confirm !== undefined) {
        throw new InvalidInputError('trading mode', [
          { path: 'connection', message: `${input.mode} takes no connection or confirmation` },
        ]);
      }
      this.deps.execution.activate(input.mode === 'SHADOW' ? 'shadow' : 'paper');
      this.save(
        input.mode,
        { connection: null, actor, reason: `${input.mode} chosen`, at: this.deps.clock.now() },
        from,
      );
      return this.status();
    }
    const connection = this.checkLive(input, actor);
    let book: LiveBook;
    try {
      book = await this.ensureLive(connection);
    } catch (error) {
      this.refuse(
        actor,
        `${connection.exchange} did not answer: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.deps.execution.activate(book.bookId);
    this.save(
      'LIVE',
      {
        connection: connection.name,
        actor,
        reason: `LIVE on ${connection.name} (${connection.exchange})`,
        at: this.deps.clock.now(),
      },
      from,
    );
    return this.status();
  }

  /** The LIVE conditions, each refused with its own message (and audited). */
  private checkLive(
    input: { connection?: string; confirm?: string },
    actor: string,
  ): ConnectionConfig {
    const name = input.connection;
    if (name === undefined)
      this.refuse(actor, 'name the connection to trade on (--connection NAME)');
    let connection: ConnectionConfig;
    try {
      connection = this.deps.connections.registry.get(name);
    } catch (error) {
      this.refuse(actor, error instanceof Error ? error.message : String(error));
    }
    const caps = capabilitiesOf(connection.exchange);
    if (caps.trading === null) {
      this.refuse(
        actor,
        `Vigil's live broker does not trade on ${caps.label} yet (this build trades Binance spot)`,
      );
    }
    const key = this.deps.connections.keys.status(name);
    if (!key.set) this.refuse(actor, `'${name}' has no key: vigil keys set ${name}`);
    if (key.verification?.verdict !== 'passed') {
      this.refuse(
        actor,
        `the key of '${name}' is not a verified trade-only key (${key.verification === null ? 'never checked' : `${key.verification.verdict}: ${key.verification.summary}`}); vigil keys verify ${name}`,
      );
    }
    if (!this.deps.liveSource()) {
      this.refuse(
        actor,
        'the engine plays the replay; LIVE trades on live prices (vigil market live)',
      );
    }
    if (input.confirm !== `LIVE ${name}`) {
      this.refuse(actor, `type the confirmation exactly: LIVE ${name}`);
    }
    const inFlight = this.deps.execution.paperOrdersInFlight();
    if (inFlight > 0)
      this.refuse(
        actor,
        `${inFlight} paper order(s) in flight: cancel them or let them finish first`,
      );
    if (this.deps.risk.control.mode === 'HALTED')
      this.refuse(actor, 'trading is HALTED: rearm first');
    return connection;
  }

  private ensureLive(connection: ConnectionConfig): Promise<LiveBook> {
    const known = this.live.get(connection.name);
    if (known?.book != null) return Promise.resolve(known.book);
    const entry: LiveEntry = { connection, state: 'STARTING', problem: null, book: null };
    this.live.set(connection.name, entry);
    this.announce();
    return this.deps.openLive(connection).then(
      (book) => {
        entry.book = book;
        entry.state = 'READY';
        this.announce();
        return book;
      },
      (error: unknown) => {
        entry.state = 'FAILED';
        entry.problem = error instanceof Error ? error.message : String(error);
        this.live.delete(connection.name);
        this.announce();
        throw error;
      },
    );
  }

  private refuse(actor: string, why: string): never {
    this.deps.audit.append({ kind: 'trading.live_refused', actor, payload: { reason: why } });
    throw new LiveRefusedError(why);
  }

  private save(mode: TradingMode, state: ModeState, from: TradingMode): void {
    this.deps.settings.set(MODE_KEY, mode);
    this.deps.settings.set(STATE_KEY, state);
    this.deps.audit.append({
      kind: 'trading.mode_changed',
      actor: state.actor,
      payload: {
        from,
        to: mode,
        connection: state.connection,
        bookId: this.deps.execution.activeBookId,
      },
    });
    this.announce();
  }

  private state(): ModeState {
    return this.deps.settings.get(STATE_KEY, (v) => ModeStateSchema.parse(v), {
      connection: null,
      actor: 'system:default',
      reason: 'PAPER is the default',
      at: 0,
    });
  }

  announce(): void {
    try {
      this.deps.onChanged(this.status());
    } catch (error) {
      this.deps.onError(error);
    }
  }

  private view(entry: LiveEntry): LiveVenueView {
    const broker = entry.book?.broker;
    const breaker = broker?.breakerStatus() ?? {
      state: 'CLOSED' as const,
      consecutiveFailures: 0,
      openedAt: null,
      lastFailure: null,
    };
    return {
      connection: entry.connection.name,
      venue: entry.connection.exchange,
      bookId: `live:${entry.connection.exchange}` as BookId,
      state: entry.state,
      problem: entry.problem,
      breaker,
      stream: broker?.streamStatus() ?? null,
      foreignOrders: (entry.book?.foreignOrders() ?? []).map(({ venue: _v, ...o }) => o),
    };
  }
}
