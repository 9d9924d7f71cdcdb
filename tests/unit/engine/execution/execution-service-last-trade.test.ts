import { describe, expect, it } from 'vitest';
import type { BookId } from '../../../../src-shared/domain/order';
import { AuditLog } from '../../../../src-main/engine/audit/audit-log';
import type { Broker } from '../../../../src-main/engine/execution/broker';
import { ExecutionService } from '../../../../src-main/engine/execution/execution-service';
import { openVigilStore } from '../../../../src-main/engine/schema';
import { ManualClock } from '../../../support/manual-clock';

const T0 = 1_529_323_200_000;

/** The paper book and a live Binance book (a venue that is never called here). */
function books(): {
  service: ExecutionService;
  observed: Array<[BookId, string]>;
} {
  const store = openVigilStore(':memory:');
  const clock = new ManualClock(T0);
  const observed: Array<[BookId, string]> = [];
  const service = ExecutionService.paper({
    db: store.db,
    clock,
    audit: new AuditLog(store.db, clock),
    events: { markObserved: (bookId, symbol) => observed.push([bookId, symbol]) },
  });
  const binance = {
    venue: 'binance',
    bookId: 'live:binance' as BookId,
    maxClientOrderIdLength: 36,
  } as unknown as Broker;
  service.addBook(
    { bookId: binance.bookId, broker: binance, executor: service.executorFor(binance, clock) },
    'USDT',
    '10000',
  );
  return { service, observed };
}

function buy(service: ExecutionService, bookId: BookId, symbol: string, price: string): void {
  service.ledger.recordFill({
    bookId,
    fillId: `${bookId}-${symbol}`,
    clientOrderId: 'vgptest00000001',
    symbol,
    side: 'buy',
    qty: '0.01',
    price,
    fee: '0',
    feeAsset: 'USDT',
    liquidity: 'taker',
    at: T0,
  });
}

const markOf = (service: ExecutionService, bookId: BookId, symbol: string): string | null =>
  service.ledger.positions(bookId).find((p) => p.symbol === symbol)?.markPrice ?? null;

describe('ExecutionService.onLastTrade: the venues’ last trades keep held positions marked', () => {
  it('marks a live book from its own exchange only, and the paper book from the paper’s exchange', () => {
    const { service, observed } = books();
    buy(service, 'live:binance', 'BTC/USDT', '6400');
    buy(service, 'paper', 'BTC/USDT', '6400');

    // OKX's trade moves no book whose prices are Binance's: two venues never mix in one book.
    service.onLastTrade(
      { exchange: 'okx', symbol: 'BTC/USDT', price: 6500, at: T0 + 1 },
      'binance',
    );
    expect([
      markOf(service, 'live:binance', 'BTC/USDT'),
      markOf(service, 'paper', 'BTC/USDT'),
    ]).toEqual(['6400', '6400']);
    expect(observed).toEqual([]);

    // Binance's trade, with a float's noise: both books, at the price the exchange printed.
    service.onLastTrade(
      { exchange: 'binance', symbol: 'BTC/USDT', price: 0.1 + 6420.2, at: T0 + 3 },
      'binance',
    );
    expect([
      markOf(service, 'live:binance', 'BTC/USDT'),
      markOf(service, 'paper', 'BTC/USDT'),
    ]).toEqual(['6420.3', '6420.3']);
    expect(observed).toEqual([
      ['paper', 'BTC/USDT'],
      ['live:binance', 'BTC/USDT'],
    ]);
  });

  it('leaves symbols a book does not hold alone, and an older trade never replaces a newer mark', () => {
    const { service, observed } = books();
    buy(service, 'live:binance', 'BTC/USDT', '6400');
    service.onLastTrade(
      { exchange: 'binance', symbol: 'ETH/USDT', price: 500, at: T0 + 1 },
      'binance',
    );
    expect(service.ledger.marks('live:binance').has('ETH/USDT')).toBe(false);
    expect(service.ledger.marks('paper').has('ETH/USDT')).toBe(false);
    service.onLastTrade(
      { exchange: 'binance', symbol: 'BTC/USDT', price: 6300, at: T0 - 1 },
      undefined,
    );
    expect(markOf(service, 'live:binance', 'BTC/USDT')).toBe('6400');
    expect(observed).toEqual([]);
  });
});
