import { TIMEFRAME_MS } from '../../src-shared/domain/candle';
import { BarRouter } from './bar-router';
import type { PipelineParts } from './engine-parts';
import { MarketStartSuperseded, type MarketOptions } from './market/market-service';
import type { ReplayFeed } from './market/replay-feed';
import type { CalibrationTable } from './scanner/scanner-core';
import { ScannerService } from './scanner/scanner-service';
import type { ScannerWorkerEntry } from './scanner/scanner-worker-client';
import type { ScannerPlacement } from './scanner/scanner-thread';
import { DEFAULT_SCANNER_CONFIG, type ScannerConfig } from './scanner/scoring/scanner-config';
import { WARMUP_BARS } from './scanner/warm-up';

export interface MarketPipelineOptions {
  readonly market: MarketOptions;
  readonly scanner?: {
    readonly config?: ScannerConfig;
    readonly workerEntry?: ScannerWorkerEntry;
    /** Where the scanner computes: its worker (default), or this thread for a backtest's engine. */
    readonly placement?: ScannerPlacement;
  };
}

export interface MarketPipeline {
  /** Settles when the feed is attached and the scanner worker is up (and warm, on a replay). */
  readonly ready: Promise<void>;
  /** Settles when every bar so far has been scanned. */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

/** History a replay keeps before its start: WARMUP_BARS bars of the longest scanned timeframe. */
export function defaultWarmupMs(config: ScannerConfig): number {
  return WARMUP_BARS * Math.max(...config.timeframes.map((tf) => TIMEFRAME_MS[tf]));
}

/**
 * Connects the market feed to its consumers: closed bars go to the paper venue (fills) and to
 * the scanner worker (signals); the feed's health goes to the panic detectors. Started in the
 * background so Engine.start stays synchronous; bars that arrive before the scanner worker is
 * up (and warm) wait for it in order. On a replay the scanner is first warmed on the history
 * before the start and the paper venue gets the last bar of each market, so the cockpit opens
 * with signals on the board and prices to trade at; a seek resets and re-warms both.
 */
export function startMarketPipeline(
  engine: PipelineParts,
  options: MarketPipelineOptions,
): MarketPipeline {
  const onError = engine.onError;
  const config = options.scanner?.config ?? DEFAULT_SCANNER_CONFIG;
  // The stored calibrations are the scanner's before its first bar: a restart grades as before.
  const calibrations = storedCalibrations(engine);
  const scanner = ScannerService.start({
    events: engine.events,
    audit: engine.audit,
    config,
    workerEntry: options.scanner?.workerEntry,
    ...(options.scanner?.placement === undefined ? {} : { placement: options.scanner.placement }),
    board: engine.signals,
  }).then(async (service) => {
    await service.setCalibrations(calibrations);
    return service;
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
  let epoch = 0;
  const unsubscribe = engine.events.subscribe((event) => {
    if (event.kind === 'barClosed') router.route(event.payload);
    else if (event.kind === 'replayChanged' && event.payload.epoch !== epoch) {
      epoch = event.payload.epoch;
      afterSeek(engine, router, scanner, onError);
    } else if (event.kind === 'feedStatusChanged') {
      // Paused, finished or down: market orders still resting fill at the last price now.
      if (!engine.market.barsComing()) settleIdle(engine, onError);
      // A live exchange's markets are loaded by now: the paper venue trades on its rules.
      engine.execution.paper?.addMarkets(engine.market.marketSpecs());
      // Stale or lost prices with positions open halt trading (a panic condition); a finished
      // replay says ENDED, a known state, and halts nothing.
      const { state, reason } = event.payload;
      if (state === 'STALE' || state === 'DOWN') {
        engine.risk.panic.feedState(state, reason, engine.bookSnapshot().positions.length);
      }
    }
  });
  const offQuotes = engine.market.onQuote((quote) => router.routeQuote(quote));
  // The venues' last trades keep held positions' marks fresh between bar closes.
  const offTrades = engine.market.onLastTrade((trade) => {
    try {
      engine.execution.onLastTrade(trade, router.paperExchangeOf(trade.symbol));
    } catch (error) {
      onError(error);
    }
  });
  // A new calibration grades from the next bar; on a replay the board is re-graded at once.
  const offCalibrations = engine.calibrations.onTableChanged((table) =>
    router.then(async () => {
      const service = await scanner;
      await service.setCalibrations(table);
      if (market.kind !== 'replay' || engine.market.activeFeed() !== (await feed)) return;
      const { timeline, cursor } = engine.market.replayFeed().data;
      await service.reset();
      await service.warm(timeline, cursor);
    }),
  );
  const market =
    options.market.kind === 'replay'
      ? { ...options.market, warmupMs: options.market.warmupMs ?? defaultWarmupMs(config) }
      : options.market;
  const feed = engine.market.start(market);
  // The warm-up is the router's first task: live bars queue behind it, in order.
  const warm = new Promise<void>((resolve, reject) => {
    router.then(async () => {
      try {
        const [service, started] = await Promise.all([scanner, feed]);
        if (started === engine.market.activeFeed() && market.kind === 'replay') {
          const replay = started as ReplayFeed;
          router.seedPaper(replay.lastClosedBars());
          await service.warm(replay.data.timeline, replay.data.cursor);
        }
        resolve();
      } catch (error) {
        reject(error);
      }
    });
  });
  const ready = Promise.all([feed, scanner, warm]).then(() => undefined);
  // A start overtaken by a newer one (a source switch during the load) is not a failure.
  ready.catch((error: unknown) => {
    if (!(error instanceof MarketStartSuperseded)) onError(error);
  });
  return {
    ready,
    drained: () => router.drained(),
    stop: async () => {
      unsubscribe();
      offQuotes();
      offTrades();
      offCalibrations();
      router.stop();
      await (await scanner).close();
    },
  };
}

/**
 * The usable calibrations, read now (the store may be closed by the time the worker is up).
 * A store that cannot be read is reported, and every market grades uncalibrated: never PRIME.
 */
function storedCalibrations(engine: PipelineParts): CalibrationTable {
  try {
    return engine.calibrations.table();
  } catch (error) {
    engine.onError(error);
    return new Map();
  }
}

/**
 * The replay was put at another time (the engine only allows it with the paper book flat and
 * no order working): bars not yet scanned are dropped, the paper venue's market moves to the
 * new time, and the scanner starts afresh on the history there.
 */
function afterSeek(
  engine: PipelineParts,
  router: BarRouter,
  scanner: Promise<ScannerService>,
  onError: (error: unknown) => void,
): void {
  router.discardPending();
  const replay = engine.market.replayFeed();
  const { timeline, cursor } = replay.data;
  for (const { symbol, exchange, timeframe } of router.paperSeriesOf()) {
    try {
      const [last] = replay.candles({ exchange, symbol, timeframe }, { limit: 1 }).candles;
      engine.execution.repositionMarket(symbol, last ?? null, timeframe);
    } catch (error) {
      onError(error);
    }
  }
  router.then(async () => {
    const service = await scanner;
    await service.reset();
    await service.warm(timeline, cursor);
  });
}

function settleIdle(engine: PipelineParts, onError: (error: unknown) => void): void {
  try {
    engine.execution.paper?.settleAtLastPrice();
  } catch (error) {
    onError(error);
  }
}
