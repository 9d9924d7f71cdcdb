import { describe, expect, it } from 'vitest';
import { PaperVenueStore } from '../../../../src-main/engine/execution/paper/paper-venue-store';
import { Ledger } from '../../../../src-main/engine/ledger/ledger';
import { VIGIL_MIGRATIONS } from '../../../../src-main/engine/schema';
import { openStore } from '../../../../src-main/engine/store/open-store';

function storeWithOrders(statuses: readonly string[]): PaperVenueStore {
  const { db } = openStore(':memory:', VIGIL_MIGRATIONS);
  const store = new PaperVenueStore(db, 'acct');
  store.s.insertAccount.run('acct', 'USDT', '1000', 0);
  statuses.forEach((status, i) =>
    store.s.insertOrder.run(
      'acct',
      `cid-${i}`,
      'BTC/USDT',
      'buy',
      'limit',
      '1',
      '100',
      null,
      'GTC',
      0,
      null,
      status,
      i,
      i,
      null,
    ),
  );
  return store;
}

describe('paper venue open orders', () => {
  it('come oldest first whatever their status (the status index alone would put OPEN first)', () => {
    // seq 1 partially filled, seq 2 filled, seq 3 open: the index (account, symbol, status)
    // holds OPEN before PARTIALLY_FILLED, so only the sort by seq gives 1 then 3.
    const store = storeWithOrders(['PARTIALLY_FILLED', 'FILLED', 'OPEN', 'PARTIALLY_FILLED']);
    expect(store.open('BTC/USDT').map((o) => o.client_order_id)).toEqual([
      'cid-0',
      'cid-2',
      'cid-3',
    ]);
    expect(store.open().map((o) => o.client_order_id)).toEqual(['cid-0', 'cid-2', 'cid-3']);
    expect(store.open('ETH/USDT')).toEqual([]);
  });
});

describe('ledger holdsPosition', () => {
  it('is true exactly for the symbols positions() lists, flat ones included', () => {
    const { db } = openStore(':memory:', VIGIL_MIGRATIONS);
    const ledger = new Ledger(db);
    ledger.ensureBook('paper', 'USDT', '1000', 0);
    db.prepare(
      "INSERT INTO ledger_positions (book_id, symbol, qty, cost, realized, fees) VALUES ('paper', 'BTC/USDT', '0', '0', '1', '0')",
    ).run();
    expect(ledger.positions('paper').map((p) => p.symbol)).toEqual(['BTC/USDT']);
    expect(ledger.holdsPosition('paper', 'BTC/USDT')).toBe(true);
    expect(ledger.holdsPosition('paper', 'ETH/USDT')).toBe(false);
    expect(ledger.holdsPosition('other', 'BTC/USDT')).toBe(false);
  });
});
