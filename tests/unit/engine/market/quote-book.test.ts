import { describe, expect, it } from 'vitest';
import type { Quote } from '../../../../src-shared/domain/market';
import { QuoteBook } from '../../../../src-main/engine/market/quote-book';

// Synthetic bid/ask values: the rules are about order and validity, not about prices.

describe('QuoteBook', () => {
  it('keeps the latest valid quote, tells news from repeats, and never goes back in time', () => {
    const book = new QuoteBook('binance', (e) => {
      throw e;
    });
    const seen: Quote[] = [];
    book.onQuote((q) => seen.push(q));
    expect(
      book.record(
        'BTC/USDT',
        { bid: 100, ask: 101, bidVolume: 2, askVolume: 3, timestamp: 10 },
        99,
      ),
    ).toBe(true);
    expect(
      book.record(
        'BTC/USDT',
        { bid: 100, ask: 101, bidVolume: 2, askVolume: 3, timestamp: 10 },
        99,
      ),
    ).toBe(false);
    expect(
      book.record(
        'BTC/USDT',
        { bid: 100.5, ask: 101, bidVolume: 2, askVolume: 3, timestamp: 10 },
        99,
      ),
    ).toBe(true);
    expect(book.record('BTC/USDT', { bid: 90, ask: 91, timestamp: 9 }, 99)).toBe(false);
    // No exchange time (a spot book ticker): stamped when it arrived.
    expect(book.record('BTC/USDT', { bid: 100.6, ask: 101.1 }, 11)).toBe(true);
    expect(seen.map((q) => [q.bid, q.at])).toEqual([
      [100, 10],
      [100.5, 10],
      [100.6, 11],
    ]);
    expect(book.get('BTC/USDT')).toMatchObject({
      exchange: 'binance',
      bid: 100.6,
      ask: 101.1,
      bidSize: null,
      at: 11,
    });
    // A ticker without book sides is simply not a quote.
    expect(book.record('ETH/USDT', { timestamp: 12 }, 12)).toBe(false);
  });

  it('refuses a crossed book or a missing side, naming the market', () => {
    const book = new QuoteBook('okx', () => {});
    expect(() => book.record('BTC/USDT', { bid: 102, ask: 101, timestamp: 1 }, 1)).toThrow(
      'okx BTC/USDT quote is crossed: bid 102 > ask 101',
    );
    expect(() => book.record('BTC/USDT', { bid: Number.NaN, ask: 101, timestamp: 1 }, 1)).toThrow(
      'okx BTC/USDT quote has no valid bid/ask (NaN / 101)',
    );
    expect(book.get('BTC/USDT')).toBeUndefined();
  });
});
