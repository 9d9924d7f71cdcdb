import { describe, expect, it } from 'vitest';
import type { KillState, UnknownOrderOutcome } from '../../../../src-shared/contract/risk';
import type { OrderView } from '../../../../src-shared/domain/order';
import {
  chasedWords,
  crossCheckGroups,
} from '../../../../src-renderer/view/book-cross-check-groups';

const lost: OrderView = {
  bookId: 'live:binance',
  clientOrderId: 'vgl00000004',
  venueOrderId: null,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  qty: '0.01',
  price: '5801.01',
  stopPrice: null,
  timeInForce: 'GTC',
  reduceOnly: false,
  state: 'SUBMITTED',
  filledQty: '0',
  avgFillPrice: null,
  reason: null,
  bracketRole: 'entry',
  parentClientOrderId: null,
  ocoGroup: null,
  placedBy: 'user:ws',
  createdAt: 0,
  updatedAt: 0,
};

const unresolved: UnknownOrderOutcome = {
  venue: 'binance',
  clientOrderId: 'vgl00000004',
  symbol: 'BTC/USDT',
  side: 'buy',
  qty: '0.01',
  outcome: 'unresolved',
  detail:
    'buy 0.01 BTC/USDT limit at 5801.01 (client id vgl00000004): outcome unknown: binance has no record of it yet (asked by its client id); asking until found or the grace ends in 24 s',
  graceLeftMs: 23_400,
};

function kill(phase: KillState['phase'], outcomes?: UnknownOrderOutcome[]): KillState {
  return {
    killId: 'k1',
    actor: 'user:shortcut@ws',
    reason: 'manual kill',
    flatten: false,
    phase,
    startedAt: 0,
    finishedAt: phase === 'done' ? 1 : null,
    attempts: 3,
    ...(outcomes === undefined ? {} : { unknownOutcomes: outcomes }),
  };
}

describe("the kill panel's cross-check of the book", () => {
  it('says an order the running kill chases by client id is being chased, with its grace, never missed', () => {
    const groups = crossCheckGroups([lost], kill('reconciling', [unresolved]));
    expect(groups).toMatchObject({ closing: 0, reducing: 0, others: 0, sweeping: true });
    expect(chasedWords(groups.chased)).toBe(
      '1 order whose placement answer was lost is being chased by the kill: binance buy 0.01 BTC/USDT limit at 5801.01 (client id vgl00000004), asked for by its client id at every pass; its grace ends in 24 s.',
    );
  });

  it('says when the grace has ended and the venue still does not answer, and says nothing of a grace once the order is found', () => {
    const ended = { ...unresolved, graceLeftMs: 0 };
    const found: UnknownOrderOutcome = { ...unresolved, clientOrderId: 'vgl00000005' };
    delete (found as { graceLeftMs?: number }).graceLeftMs;
    const other = { ...lost, clientOrderId: 'vgl00000005', type: 'market' as const, price: null };
    const groups = crossCheckGroups([lost, other], kill('reconciling', [ended, found]));
    expect(chasedWords(groups.chased)).toBe(
      '2 orders whose placement answers were lost are being chased by the kill: binance buy 0.01 BTC/USDT limit at 5801.01 (client id vgl00000004), asked for by its client id at every pass; its grace has ended, asking until binance answers; binance buy 0.01 BTC/USDT market (client id vgl00000005), asked for by its client id at every pass.',
    );
  });

  it('while the kill runs, a working order it has not chased yet is the sweep at work; once done, one still working was missed', () => {
    expect(crossCheckGroups([lost], kill('cancelling'))).toMatchObject({
      chased: [],
      others: 1,
      sweeping: true,
    });
    // A finished kill chases nothing: its last word on an order is no chase.
    expect(crossCheckGroups([lost], kill('done', [unresolved]))).toMatchObject({
      chased: [],
      others: 1,
      sweeping: false,
    });
    expect(crossCheckGroups([lost], null)).toMatchObject({ others: 1, sweeping: false });
    // A kill just latched, its state not arrived yet: the last kill's "done" is not this one's.
    expect(crossCheckGroups([lost], kill('done', [unresolved]), false)).toMatchObject({
      chased: [],
      others: 1,
      sweeping: true,
    });
  });

  it("keeps the kill's own closes and the trader's reduce-only orders apart from the rest", () => {
    const close = { ...lost, clientOrderId: 'c1', placedBy: 'system:kill', reduceOnly: true };
    const stop = { ...lost, clientOrderId: 's1', placedBy: 'user:ui@ws', reduceOnly: true };
    expect(crossCheckGroups([close, stop], kill('done'))).toMatchObject({
      closing: 1,
      reducing: 1,
      others: 0,
    });
  });
});
