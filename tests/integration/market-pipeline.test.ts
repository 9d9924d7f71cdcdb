import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src-shared/contract/events';
import { dispatchCommand } from '../../src-shared/contract/dispatch';
import {
  ScannerSignalSchema,
  SignalRowSchema,
  type SignalRow,
} from '../../src-shared/contract/scanner';
import type { OrderView } from '../../src-shared/domain/order';
import { Engine } from '../../src-main/engine/engine';
import type { ReplayFeed } from '../../src-main/engine/market/replay-feed';
import { ManualClock } from '../support/manual-clock';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const caller = { origin: 'test' } as const;

/**
 * The composed engine on the bundled replay data (resources/data): the scanner is warm and the
 * paper venue has prices before the first bar plays; closed bars reach the scanner worker (the
 * board follows) and the paper venue (orders fill at replayed prices).
 */
describe('market pipeline on the bundled replay', () => {
  it('opens warm, fills paper orders against replayed bars, and neither a long pause nor the end of the replay kills a position open or its stop', async () => {
    const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
    const engine = Engine.start({
      dataDir: tempDir(),
      version: 'test',
      host: 'test',
      clock,
      scheduler: clock,
      heartbeatMs: 3_600_000,
      market: { kind: 'replay', replayDir: 'resources/data', speed: 'max' },
    });
    const events: EventEnvelope[] = [];
    engine.events.subscribe((e) => events.push(e));
    try {
      await engine.pipeline?.ready;
      const feed = engine.market.activeFeed() as ReplayFeed;
      // The replay starts 64 4h bars into the data; nothing has played yet.
      const start = Date.parse('2018-05-08T06:00:00Z') + 64 * 4 * 3_600_000;
      expect(feed.state()).toMatchObject({ now: start, playing: false, epoch: 0 });
      expect(events.filter((e) => e.kind === 'barClosed')).toEqual([]);

      // Warm from the history: every market is on the board on 1h and 4h already.
      const board = await dispatchCommand(engine.handlers, 'listSignals', {}, caller);
      if (!board.ok) throw new Error(board.error.message);
      const signals = board.output as SignalRow[];
      expect(signals.map((s) => `${s.symbol} ${s.timeframe}`).sort()).toEqual([
        'BTC/USDT 1h',
        'BTC/USDT 4h',
        'ETH/BTC 1h',
        'ETH/BTC 4h',
        'ETH/USDT 1h',
        'ETH/USDT 4h',
      ]);
      for (const s of signals) {
        expect(SignalRowSchema.parse(s).tier).not.toBe('FAILED');
        expect(s.at).toBeLessThanOrEqual(start);
      }
      expect(
        engine.store.db
          .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'scanner.warmed'")
          .get(),
      ).toEqual({ n: 1 });
      // The chart has the history too: the last closed 1h candle opened an hour before the start.
      const chart = feed.candles(
        { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h' },
        { limit: 500 },
      );
      expect(chart.candles.length).toBe(256);
      expect(chart.candles.at(-1)?.openTime).toBe(start - 3_600_000);
      // The windows' feed: the warm-up's boardUpdated rows are the board's rows.
      const pushed = new Map<string, SignalRow>();
      for (const e of events)
        if (e.kind === 'boardUpdated')
          for (const r of e.payload.rows) pushed.set(`${r.symbol} ${r.timeframe}`, r);
      expect(pushed.size).toBe(signals.length);
      for (const s of signals) expect(pushed.get(`${s.symbol} ${s.timeframe}`)).toEqual(s);
      // Any row explains itself through the contract, with the full signal behind it (the
      // worker kept the warm-up's full signals).
      const first = signals[0] as SignalRow;
      const explained = await dispatchCommand(
        engine.handlers,
        'explainSignal',
        { exchange: first.exchange, symbol: first.symbol, timeframe: first.timeframe },
        caller,
      );
      if (!explained.ok) throw new Error(explained.error.message);
      const full = ScannerSignalSchema.parse(explained.output);
      expect(full.symbol).toBe(first.symbol);
      expect(full.at).toBe(first.at);
      expect(full.gates).toHaveLength(4);

      // A bar later the board follows the new 1h evaluations.
      for (let i = 0; i < 4; i += 1) feed.step();
      await engine.pipeline?.drained();
      const evaluated = events.flatMap((e) => (e.kind === 'boardUpdated' ? e.payload.rows : []));
      expect(evaluated.some((row) => row.at > start)).toBe(true);

      // BTC/USDT trades in the paper book at replayed prices: the replay is paused, so the
      // market order fills at once at the last price (no bar is coming).
      const placed = await dispatchCommand(
        engine.handlers,
        'placeOrder',
        {
          symbol: 'BTC/USDT',
          side: 'buy',
          type: 'market',
          qty: '0.01',
          // Far outside the data's range (about 6,000 to 10,000): the stop stays working.
          bracket: { stopLoss: '1000', takeProfit: '100000' },
        },
        caller,
      );
      if (!placed.ok) throw new Error(placed.error.message);
      const order = placed.output as OrderView;
      expect(engine.market.barsComing()).toBe(false);
      expect(order.state).toBe('FILLED');
      const price = Number(order.avgFillPrice);
      // The real BTC/USDT price on Binance in May 2018 was between 8,000 and 10,000.
      expect(price).toBeGreaterThan(8000);
      expect(price).toBeLessThan(10_000);

      // What the paper venue itself holds, not the engine's own order rows.
      const stopAtVenue = async (): Promise<string | undefined> =>
        (await engine.execution.paper.openOrders('BTC/USDT')).find((o) => o.type === 'stop-market')
          ?.status;
      expect(await stopAtVenue()).toBe('OPEN');
      const killsAudited = (): unknown[] =>
        engine.store.db.prepare("SELECT actor FROM audit_log WHERE kind LIKE 'kill.%'").all();

      // Paused for far longer than the stale-quote limit, heartbeats and all: paused is not
      // stale, the trader stopped the clock.
      const staleQuoteMs = engine.risk.config.current.panic.staleQuoteMs;
      clock.advance(10 * staleQuoteMs + 3_600_000);
      expect(engine.status().controlMode).toBe('RUNNING');

      // Played to its end with the position still open: the feed says ENDED (no price comes by
      // design), not stale or down, so no panic fires and the stop keeps working at the venue.
      feed.drain();
      await engine.pipeline?.drained();
      expect(engine.status().controlMode).toBe('RUNNING');
      expect(killsAudited()).toEqual([]);
      expect(await stopAtVenue()).toBe('OPEN');
      expect(events.filter((e) => e.kind === 'replayChanged').at(-1)?.payload).toMatchObject({
        finished: true,
        playing: false,
      });
      // Over: no bar is coming, so a market order would fill at the last price.
      expect(engine.market.barsComing()).toBe(false);
      clock.advance(10 * staleQuoteMs + 3_600_000);
      expect(engine.status().controlMode).toBe('RUNNING');
      expect(killsAudited()).toEqual([]);
      expect(engine.bookSnapshot().positions.map((p) => [p.symbol, p.qty])).toEqual([
        ['BTC/USDT', 0.01],
      ]);
      expect(await stopAtVenue()).toBe('OPEN');
      expect(feed.status()).toMatchObject({
        state: 'ENDED',
        reason: expect.stringMatching(/^replay finished at 2018-06-18T/),
      });
    } finally {
      engine.stop('test done');
    }
  }, 120_000);
});
