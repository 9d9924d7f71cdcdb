import { describe, expect, it } from 'vitest';
import type { UnknownOrderOutcome } from '../../../../src-shared/contract/risk';
import { unknownOutcomeLines } from '../../../../src-renderer/view/unknown-outcome-lines';

const cancelled: UnknownOrderOutcome = {
  venue: 'binance',
  clientOrderId: 'vgl00000001',
  symbol: 'BTC/USDT',
  side: 'buy',
  qty: '0.01',
  outcome: 'cancelled',
  detail:
    'buy 0.01 BTC/USDT limit at 6000 (client id vgl00000001): found at binance after its answer was lost, and cancelled',
};

describe('the kill panel: orders whose placement answer was lost', () => {
  it("says what became of each in the kill's words, amber unless it was cancelled", () => {
    const neverFound: UnknownOrderOutcome = {
      ...cancelled,
      clientOrderId: 'vgl00000002',
      outcome: 'never-found',
      detail:
        'buy 0.01 BTC/USDT limit at 6000 (client id vgl00000002): not found at binance by its client id within the 30 s grace: recorded as never placed (EXPIRED); check the exchange',
    };
    expect(unknownOutcomeLines([cancelled, neverFound])).toEqual([
      {
        key: 'binance vgl00000001',
        text: 'Order whose placement answer was lost, on binance: buy 0.01 BTC/USDT limit at 6000 (client id vgl00000001): found at binance after its answer was lost, and cancelled',
        tone: 'muted',
      },
      {
        key: 'binance vgl00000002',
        text: 'Order whose placement answer was lost, on binance: buy 0.01 BTC/USDT limit at 6000 (client id vgl00000002): not found at binance by its client id within the 30 s grace: recorded as never placed (EXPIRED); check the exchange',
        tone: 'tone-warn',
      },
    ]);
    expect(unknownOutcomeLines([])).toEqual([]);
  });
});
