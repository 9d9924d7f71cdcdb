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
 * The composed engine on the bundled replay data (resources/data): closed bars reach the
 * scanner worker (the board fills) and the paper venue (orders fill at replayed prices).
 */
describe('market pipeline on the bundled replay', () => {
  it('fills the signal board, fills paper orders against replayed bars, and halts when prices stop with a position open', async () => {
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

      // Three days of the Bittrex 5m files: enough 15m bars to warm every indicator up.
      while (feed.state().now < Date.parse('2018-01-13T05:00:00Z')) feed.step();
      await engine.pipeline?.drained();
      const board = await dispatchCommand(engine.handlers, 'listSignals', {}, caller);
      if (!board.ok) throw new Error(board.error.message);
      const signals = board.output as SignalRow[];
      const markets = signals.map((s) => `${s.exchange}:${s.symbol}`).sort();
      expect(markets).toEqual([
        'bittrex:ADA/BTC',
        'bittrex:DASH/BTC',
        'bittrex:ETC/BTC',
        'bittrex:ETH/BTC',
        'bittrex:LTC/BTC',
        'bittrex:NXT/BTC',
        'bittrex:POWR/BTC',
        'bittrex:XLM/BTC',
      ]);
      for (const s of signals) expect(SignalRowSchema.parse(s).timeframe).toBe('15m');
      // The windows' feed: the latest boardUpdated row of each market is the board's row.
      const pushed = new Map<string, SignalRow>();
      for (const e of events)
        if (e.kind === 'boardUpdated') for (const r of e.payload.rows) pushed.set(r.symbol, r);
      expect(pushed.size).toBe(signals.length);
      for (const s of signals) expect(pushed.get(s.symbol)).toEqual(s);
      // Any row explains itself through the contract, with the full signal behind it.
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
      expect(full.at).toBeGreaterThanOrEqual(first.at);
      expect(full.gates).toHaveLength(4);

      // Into the Binance 1h files: BTC/USDT trades in the paper book at replayed prices.
      while (feed.state().now < Date.parse('2018-05-09T00:00:00Z')) feed.step();
      const placed = await dispatchCommand(
        engine.handlers,
        'placeOrder',
        { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' },
        caller,
      );
      if (!placed.ok) throw new Error(placed.error.message);
      const order = placed.output as OrderView;
      feed.step();
      feed.step();
      const after = await dispatchCommand(engine.handlers, 'listOrders', {}, caller);
      if (!after.ok) throw new Error(after.error.message);
      const filled = (after.output as { orders: OrderView[] }).orders.find(
        (o) => o.clientOrderId === order.clientOrderId,
      );
      expect(filled?.state).toBe('FILLED');
      const price = Number(filled?.avgFillPrice);
      // The real BTC/USDT price on Binance in May 2018 was between 8,000 and 10,000.
      expect(price).toBeGreaterThan(8000);
      expect(price).toBeLessThan(10_000);

      // Play the replay to its end with the position still open: the feed goes DOWN, and
      // stale prices with a position open are a panic condition that halts trading.
      expect(engine.status().controlMode).toBe('RUNNING');
      feed.drain();
      expect(feed.status().state).toBe('DOWN');
      expect(engine.status().controlMode).toBe('HALTED');
      const kill = engine.store.db
        .prepare("SELECT actor FROM audit_log WHERE kind LIKE 'kill.%' ORDER BY seq LIMIT 1")
        .get() as { actor: string } | undefined;
      expect(kill?.actor).toBe('risk:panic:stale-quotes');
    } finally {
      engine.stop('test done');
    }
  }, 120_000);
});
