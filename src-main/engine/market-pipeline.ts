import { BarRouter } from './bar-router';
import type { Engine } from './engine';
import type { MarketOptions } from './market/market-service';
import { ScannerService } from './scanner/scanner-service';
import type { ScannerWorkerEntry } from './scanner/scanner-worker-client';
import { DEFAULT_SCANNER_CONFIG, type ScannerConfig } from './scanner/scoring/scanner-config';

export interface MarketPipelineOptions {
  readonly market: MarketOptions;
  readonly scanner?: { readonly config?: ScannerConfig; readonly workerEntry?: ScannerWorkerEntry };
}

export interface MarketPipeline {
  /** Settles when the feed is attached and the scanner worker is up. */
  readonly ready: Promise<void>;
  /** Settles when every bar so far has been scanned. */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Connects the market feed to its consumers: closed bars go to the paper venue (fills) and to
 * the scanner worker (signals); the feed's health goes to the panic detectors. Started in the
 * background so Engine.start stays synchronous; bars that arrive before the scanner worker is
 * up wait for it in order.
 */
export function startMarketPipeline(
  engine: Engine,
  options: MarketPipelineOptions,
): MarketPipeline {
  const onError = engine.options.onError ?? ((e: unknown) => console.error('market pipeline:', e));
  const config = options.scanner?.config ?? DEFAULT_SCANNER_CONFIG;
  const scanner = ScannerService.start({
    events: engine.events,
    audit: engine.audit,
    config,
    workerEntry: options.scanner?.workerEntry,
    board: engine.signals,
  });
  const router = new BarRouter({
    paper: (symbol, candle, timeframe) => engine.execution.onBar(symbol, candle, timeframe),
    paperQuote: (symbol, quote) => {
      engine.execution.onQuote(symbol, quote);
      // The real spread feeds the spread-blowout panic and the stale-quote detector.
      engine.risk.panic.quote(symbol, quote.bid, quote.ask, quote.at);
    },
    scan: async (candles) => (await scanner).ingest(candles),
    scanTimeframes: new Set(config.timeframes),
    onError,
  });
  const unsubscribe = engine.events.subscribe((event) => {
    if (event.kind === 'barClosed') router.route(event.payload);
    else if (event.kind === 'feedStatusChanged') {
      // A live exchange's markets are loaded by now: the paper venue trades on its rules.
      engine.execution.paper?.addMarkets(engine.market.marketSpecs());
      // Stale or lost prices with positions open halt trading (a panic condition).
      const { state, reason } = event.payload;
      if (state === 'STALE' || state === 'DOWN') {
        engine.risk.panic.feedState(state, reason, engine.bookSnapshot().positions.length);
      }
    }
  });
  const offQuotes = engine.market.onQuote((quote) => router.routeQuote(quote));
  const feed = engine.market.start(options.market);
  const ready = Promise.all([feed, scanner]).then(() => undefined);
  ready.catch(onError);
  return {
    ready,
    drained: () => router.drained(),
    stop: async () => {
      unsubscribe();
      offQuotes();
      router.stop();
      await (await scanner).close();
    },
  };
}
