import type { Database } from 'better-sqlite3';
import type { PipelineParts } from './engine-parts';
import { resetPaperBarCursor } from './execution/paper/paper-exposure';
import type { ConnectionRegistry } from './market/connections/connection-registry';
import type { MarketControl } from './market/connections/connections-service';
import type { ConnectionState } from './market/live-market';
import type { LiveTuning, MarketOptions, ReplayMarketOptions } from './market/market-service';
import {
  startMarketPipeline,
  type MarketPipeline,
  type MarketPipelineOptions,
} from './market-pipeline';
import type { Settings } from './settings';

/** The hosts' market: the replay or the trader's connections, as the trader chose. */
export interface ConfiguredMarketOptions {
  readonly kind: 'configured';
  readonly replay: ReplayMarketOptions;
  readonly live?: LiveTuning;
}

const PLAYED_KEY = 'market_source_played';

export interface MarketSourceDeps {
  readonly parts: PipelineParts;
  readonly db: Database;
  readonly settings: Settings;
  /** The connections (created after this control, which they tell about their changes). */
  readonly registry: () => ConnectionRegistry;
  readonly configured: ConfiguredMarketOptions;
  readonly scanner: MarketPipelineOptions['scanner'];
}

/**
 * Plays what the trader chose — the bundled replay, or live prices from every enabled
 * connection — and switches when the choice or the connections change: the old pipeline
 * (feed, scanner) stops, the board is cleared (its signals came from other prices) and a new
 * pipeline starts. Switches run one at a time. Owns the pipeline it plays.
 */
export class MarketSourceControl implements MarketControl {
  private running: string | undefined;
  private queue: Promise<void> = Promise.resolve();
  private current: MarketPipeline | undefined;

  constructor(private readonly deps: MarketSourceDeps) {}

  /** The pipeline playing now (undefined before start). */
  get pipeline(): MarketPipeline | undefined {
    return this.current;
  }

  /** What should play now. */
  desired(): MarketOptions {
    const registry = this.deps.registry();
    const { source } = registry.source();
    const connections = registry.enabled();
    if (source === 'live' && connections.length > 0) {
      return { kind: 'live', connections, ...this.deps.configured.live };
    }
    return this.deps.configured.replay;
  }

  start(): void {
    this.launch(this.desired());
  }

  apply(): Promise<void> {
    const next = this.queue.then(async () => {
      const wanted = this.desired();
      if (JSON.stringify(wanted) === this.running) return;
      await this.current?.stop();
      this.deps.parts.signals.clear();
      this.launch(wanted);
      await this.current?.ready.catch(() => undefined);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  states(): Map<string, ConnectionState> {
    return this.deps.parts.market.connectionStates();
  }

  private launch(options: MarketOptions): void {
    const source = options.kind === 'live' ? 'live' : 'replay';
    const settings = this.deps.settings;
    const played = settings.get<string | null>(PLAYED_KEY, (v) => String(v), null);
    // Paper bars are applied once per market in time order; another source's bars may lie
    // before the last one seen (a replay of 2018 after live prices). Switching is refused with
    // open paper state, so the cursor can start over.
    if (played !== null && played !== source) resetPaperBarCursor(this.deps.db);
    settings.set(PLAYED_KEY, source);
    this.running = JSON.stringify(options);
    this.current = startMarketPipeline(this.deps.parts, {
      market: options,
      scanner: this.deps.scanner,
    });
  }
}
