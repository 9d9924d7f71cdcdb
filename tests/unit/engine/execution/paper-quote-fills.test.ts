import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../src-shared/domain/candle';
import type { PaperQuote } from '../../../../src-main/engine/execution/paper/fill-model';
import { at, loadCandles, makeRig, type ExecutionRig } from '../../../support/execution-fixture';

// The paper venue on live best bid/ask (fill-model.ts, "Live best bid/ask"). Prices are the
// real BTC/USDT closes; the quotes around them are synthetic (a book ticker is not in the
// shared data), 2 bp each side with one BTC shown at each.

const BTC = loadCandles('binance_BTC-USDT_1m.csv');
const MIN = 60_000;

function rigAt(i: number): { rig: ExecutionRig; bar: Candle } {
  const bar = at(BTC, i);
  const rig = makeRig({ start: bar.openTime, startingBalance: '1000000' });
  rig.clock.advance(MIN);
  rig.broker.onBar('BTC/USDT', bar, '1m');
  return { rig, bar };
}

/** Executor anomalies (the venue contradicting a final local state), audited. */
function anomalies(rig: ExecutionRig): unknown[] {
  return rig.store.db.prepare("SELECT payload FROM audit_log WHERE kind = 'order.anomaly'").all();
}

function quoteAround(price: number, atMs: number, size = 1): PaperQuote {
  return { bid: price * 0.9998, ask: price * 1.0002, bidSize: size, askSize: size, at: atMs };
}

describe('paper fills against live best bid/ask', () => {
  it('a market buy takes the ask and a market sell the bid, rounded onto the tick against the trader', async () => {
    const { rig, bar } = rigAt(100);
    const quote = quoteAround(bar.close, rig.clock.now());
    rig.broker.onQuote('BTC/USDT', quote);
    const buy = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.5' },
      't',
    );
    const sell = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.2' },
      't',
    );
    const [bought] = rig.ledger.fillsOfOrder('paper', buy.clientOrderId);
    const [sold] = rig.ledger.fillsOfOrder('paper', sell.clientOrderId);
    expect(bought).toMatchObject({ liquidity: 'taker', qty: '0.5' });
    expect(Number(bought?.price)).toBe(Math.ceil(quote.ask * 100 - 1e-9) / 100);
    expect(Number(sold?.price)).toBe(Math.floor(quote.bid * 100 + 1e-9) / 100);
    expect(bought?.at).toBe(rig.clock.now()); // at once: the quote is the book it met
    // The acknowledgement already says FILLED: the executor sees no contradiction.
    expect(rig.executor.view(buy.clientOrderId).state).toBe('FILLED');
    expect(anomalies(rig)).toEqual([]);
  });

  it('fills at most the size shown; the rest waits for the next quote', async () => {
    const { rig, bar } = rigAt(100);
    rig.broker.onQuote('BTC/USDT', quoteAround(bar.close, rig.clock.now(), 0.4));
    const order = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '1' },
      't',
    );
    expect(rig.executor.view(order.clientOrderId)).toMatchObject({
      state: 'PARTIALLY_FILLED',
      filledQty: '0.4',
    });
    rig.clock.advance(1000);
    rig.broker.onQuote('BTC/USDT', quoteAround(bar.close * 1.001, rig.clock.now(), 0.4));
    rig.clock.advance(1000);
    rig.broker.onQuote('BTC/USDT', quoteAround(bar.close * 1.002, rig.clock.now(), 0.4));
    expect(rig.executor.view(order.clientOrderId)).toMatchObject({
      state: 'FILLED',
      filledQty: '1',
    });
    expect(rig.ledger.fillsOfOrder('paper', order.clientOrderId).map((f) => f.qty)).toEqual([
      '0.4',
      '0.4',
      '0.2',
    ]);
    expect(anomalies(rig)).toEqual([]);
  });

  it('a limit marketable on arrival takes the ask; one below it waits for the bars', async () => {
    const { rig, bar } = rigAt(100);
    const quote = quoteAround(bar.close, rig.clock.now());
    rig.broker.onQuote('BTC/USDT', quote);
    const through = await rig.executor.place(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        qty: '0.1',
        price: (bar.close * 1.01).toFixed(2),
      },
      't',
    );
    const below = await rig.executor.place(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        qty: '0.1',
        price: (bar.close * 0.99).toFixed(2),
      },
      't',
    );
    expect(rig.executor.view(through.clientOrderId).state).toBe('FILLED');
    expect(Number(rig.executor.view(through.clientOrderId).avgFillPrice)).toBe(
      Math.ceil(quote.ask * 100 - 1e-9) / 100,
    );
    expect(rig.executor.view(below.clientOrderId).state).toBe('OPEN');
  });

  it('an order arriving after the last quote went stale (60 s) waits instead of taking it', async () => {
    const { rig, bar } = rigAt(100);
    rig.broker.onQuote('BTC/USDT', quoteAround(bar.close, rig.clock.now()));
    rig.clock.advance(60_001);
    const order = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.1' },
      't',
    );
    expect(rig.executor.view(order.clientOrderId).state).toBe('OPEN');
    rig.broker.onQuote('BTC/USDT', quoteAround(bar.close, rig.clock.now()));
    expect(rig.executor.view(order.clientOrderId).state).toBe('FILLED');
  });
});
