import type { Engine } from './engine';
import { resetPaperBarCursor } from './execution/paper/paper-exposure';
import type { MarketControl } from './market/connections/connections-service';
import type { ConnectionState } from './market/live-market';
import type { LiveTuning, MarketOptions, ReplayMarketOptions } from './market/market-service';
import { startMarketPipeline, type MarketPipelineOptions } from './market-pipeline';

/** The hosts' market: the replay or the trader's connections, as the trader chose. */
export interface ConfiguredMarketOptions {
  readonly kind: 'configured';
  readonly replay: ReplayMarketOptions;
  readonly live?: LiveTuning;
}

const PLAYED_KEY = 'market_source_played';

/**
 * Plays what the trader chose — the bundled replay, or live prices from every enabled
 * connection — and switches when the choice or the connections change: the old pipeline
 * (feed, scanner) stops, the board is cleared (its signals came from other prices) and a new
 * pipeline starts. Switches run one at a time.
 */
export class MarketSourceControl implements MarketControl {
  private running: string | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly engine: Engine,
    private readonly configured: ConfiguredMarketOptions,
    private readonly scanner: MarketPipelineOptions['scanner'],
  ) {}

  /** What should play now. */
  desired(): MarketOptions {
    const { source } = this.engine.connections.registry.source();
    const connections = this.engine.connections.registry.enabled();
    if (source === 'live' && connections.length > 0) {
      return { kind: 'live', connections, ...this.configured.live };
    }
    return this.configured.replay;
  }

  start(): void {
    this.launch(this.desired());
  }

  apply(): Promise<void> {
    const next = this.queue.then(async () => {
      const wanted = this.desired();
      if (JSON.stringify(wanted) === this.running) return;
      await this.engine.pipeline?.stop();
      this.engine.signals.clear();
      this.launch(wanted);
      await this.engine.pipeline?.ready.catch(() => undefined);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  states(): Map<string, ConnectionState> {
    return this.engine.market.connectionStates();
  }

  private launch(options: MarketOptions): void {
    const source = options.kind === 'live' ? 'live' : 'replay';
    const settings = this.engine.settings;
    const played = settings.get<string | null>(PLAYED_KEY, (v) => String(v), null);
    // Paper bars are applied once per market in time order; another source's bars may lie
    // before the last one seen (a replay of 2018 after live prices). Switching is refused with
    // open paper state, so the cursor can start over.
    if (played !== null && played !== source) resetPaperBarCursor(this.engine.store.db);
    settings.set(PLAYED_KEY, source);
    this.running = JSON.stringify(options);
    this.engine.pipeline = startMarketPipeline(this.engine, {
      market: options,
      scanner: this.scanner,
    });
  }
}
