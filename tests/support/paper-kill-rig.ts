import type { Candle } from '../../src-shared/domain/candle';
import type { EventEnvelope } from '../../src-shared/contract/events';
import type { MarketSpec } from '../../src-main/engine/execution/broker';
import { EventBus } from '../../src-main/engine/event-bus';
import { executionKillVenue } from '../../src-main/engine/kill/execution-kill-venue';
import { ledgerBookSnapshot } from '../../src-main/engine/risk/ledger-book';
import type { OrderGate } from '../../src-main/engine/execution/order-gate';
import { riskOrderGate } from '../../src-main/engine/risk/risk-order-gate';
import { RiskSystem } from '../../src-main/engine/risk/risk-system';
import { Settings } from '../../src-main/engine/settings';
import { loadCandles, makeRig, type ExecutionRig } from './execution-fixture';

// The real executor (write-ahead intents, the gate hook) and the real PaperBroker of issue-5.
// Bars: real BTC/USDT 1m candles. The paper account holds one quote currency and the bundled
// data has too few overlapping USDT pairs, so nine more markets replay the same real bars
// scaled down (S1..S9/USDT): synthetic symbols, real price shapes.

const SYMBOLS = ['BTC/USDT', ...Array.from({ length: 9 }, (_, i) => `S${i + 1}/USDT`)];
const scale = (symbol: string): number =>
  symbol === 'BTC/USDT' ? 1 : 1 / (10 * Number(symbol.slice(1, 2)));

const markets: MarketSpec[] = SYMBOLS.map((symbol) => ({
  symbol,
  base: symbol.split('/')[0] as string,
  quote: 'USDT',
  tickSize: '0.01',
  stepSize: '0.0001',
  minQty: '0.0001',
  maxQty: '100000',
  minNotional: '5',
  makerFee: '0.001',
  takerFee: '0.001',
  marginAllowed: true,
}));

export const round2 = (x: number): number => Math.round(x * 100) / 100;
function barFor(symbol: string, c: Candle): Candle {
  const k = scale(symbol);
  return {
    ...c,
    open: round2(c.open * k),
    high: round2(c.high * k),
    low: round2(c.low * k),
    close: round2(c.close * k),
  };
}

export interface PaperKillRig {
  readonly rig: ExecutionRig;
  /** The executor's risk gate, for benchmarks. */
  readonly gate: OrderGate;
  readonly risk: RiskSystem;
  readonly events: EventEnvelope[];
  nextBar(): void;
}

export function paperKillRig(): PaperKillRig {
  const bars = loadCandles('binance_BTC-USDT_1m.csv');
  let i = 0;
  const events: EventEnvelope[] = [];
  // The executor needs the gate, the gate needs the risk system, which needs the rig: the
  // executor gets a forwarder that is bound once everything exists.
  const wired: { gate?: OrderGate } = {};
  const rig = makeRig({
    start: (bars[0] as Candle).openTime,
    startingBalance: '100000000',
    // A margin account: the book's reduce-only exits add up to more than each position, which
    // a spot account would refuse (it locks the base asset of every resting sell).
    paper: { markets, marginTrading: true },
    executor: {
      gate: (request, context) => {
        if (wired.gate === undefined) throw new Error('risk gate not wired');
        return wired.gate(request, context);
      },
    },
  });
  const markOf = (symbol: string): number | null => {
    const last = rig.broker.lastPrice(symbol);
    return last === null ? null : Number(last);
  };
  const nextBar = (): void => {
    const bar = bars[i] as Candle;
    i += 1;
    rig.clock.advance(Math.max(0, bar.openTime + 60_000 - rig.clock.now()));
    for (const s of SYMBOLS) rig.broker.onBar(s, barFor(s, bar), '1m');
  };
  const bus = new EventBus((e) => {
    throw e;
  });
  bus.subscribe((e) => events.push(e));
  const risk = new RiskSystem({
    settings: new Settings(rig.store.db),
    audit: rig.audit,
    events: bus,
    clock: rig.clock,
    venues: [executionKillVenue(rig)],
    // Between reconcile passes the market moves on: the next bar fills the closing orders.
    sleep: () => {
      nextBar();
      return Promise.resolve();
    },
    timeZone: 'UTC',
    atomically: (fn) => rig.store.db.transaction(fn)(),
    onError: (e) => {
      throw e;
    },
  });
  wired.gate = riskOrderGate({
    guard: risk.guard,
    // The engine's own snapshot: ledger positions and executor orders, valued at mark.
    book: () =>
      ledgerBookSnapshot({
        ledger: rig.ledger,
        bookId: 'paper',
        openOrders: () => rig.executor.orders.list('paper', true, 10_000),
        mark: markOf,
        now: () => rig.clock.now(),
        lookbackMs: () => risk.config.current.lossCooldownMin * 60_000,
      }),
    mark: markOf,
    rate: (quote) => (quote === 'USDT' ? 1 : null),
  });
  const gate = wired.gate;
  risk.config.update({ maxOpenPositions: 100, maxSymbolSharePct: 300, lossCooldownMin: 0 }, 'test');
  nextBar();
  return { rig, risk, events, nextBar, gate };
}

/** A market entry with its bracket: the stop-loss and take-profit rest once it fills. */
export async function enter(k: PaperKillRig, symbol: string): Promise<void> {
  const last = Number(k.rig.broker.lastPrice(symbol));
  const bracket = {
    stopLoss: round2(last * 0.7).toFixed(2),
    takeProfit: round2(last * 1.8).toFixed(2),
  };
  await k.rig.executor.place({ symbol, side: 'buy', type: 'market', qty: '1', bracket }, 'user:ui');
}

/**
 * 10 long positions with their bracket legs (20 resting exits), then 80 more resting orders:
 * entries with brackets, reduce-only stops and take-profits — 100 open orders in all.
 */
export async function loadBook(k: PaperKillRig): Promise<void> {
  for (const symbol of SYMBOLS) await enter(k, symbol);
  k.nextBar();
  await k.rig.executor.idle();
  for (const symbol of SYMBOLS) {
    const last = Number(k.rig.broker.lastPrice(symbol));
    for (let j = 0; j < 4; j += 1) {
      const price = round2(last * (0.5 - j * 0.01));
      await k.rig.executor.place(
        {
          symbol,
          side: 'buy',
          type: 'limit',
          qty: '1',
          price: price.toFixed(2),
          bracket: {
            stopLoss: round2(price * 0.9).toFixed(2),
            takeProfit: round2(price * 1.5).toFixed(2),
          },
        },
        'user:ui',
      );
    }
    for (let j = 0; j < 2; j += 1) {
      await k.rig.executor.place(
        {
          symbol,
          side: 'sell',
          type: 'stop-market',
          qty: '0.3',
          stopPrice: round2(last * (0.6 - j * 0.01)).toFixed(2),
          reduceOnly: true,
        },
        'user:ui',
      );
      await k.rig.executor.place(
        {
          symbol,
          side: 'sell',
          type: 'limit',
          qty: '0.3',
          price: round2(last * (2 + j * 0.01)).toFixed(2),
          reduceOnly: true,
        },
        'user:ui',
      );
    }
  }
  await k.rig.executor.idle();
  const rejected = k.rig.executor.list(false).filter((o) => o.state === 'REJECTED');
  if (rejected.length > 0)
    throw new Error(`orders refused: ${rejected.map((o) => o.reason).join('; ')}`);
}
