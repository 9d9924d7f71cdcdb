import { describe, expect, it } from 'vitest';
import type { ScannerSignal, SignalRow } from '../../../../src-shared/contract/scanner';
import type { LedgerFillInput } from '../../../../src-main/engine/ledger/ledger-types';
import { AuditLog } from '../../../../src-main/engine/audit/audit-log';
import { Journal } from '../../../../src-main/engine/journal/journal';
import { Ledger } from '../../../../src-main/engine/ledger/ledger';
import { openVigilStore } from '../../../../src-main/engine/schema';
import { CommandRefusal } from '../../../../src-shared/contract/command-refusal';
import { ManualClock } from '../../../support/manual-clock';

// Real BTC/USDT 1h closes of 2018-05-08 (9340, 9370, 9398.95, 9310); hand-made fill shapes.
const T0 = Date.parse('2018-05-08T06:00:00Z');
const HOUR = 3_600_000;

function row(at: number, tier: SignalRow['tier'], timeframe: SignalRow['timeframe']): SignalRow {
  return {
    exchange: 'binance',
    symbol: 'BTC/USDT',
    timeframe,
    at,
    tier,
    tierSince: 0,
    tierSinceKnown: false,
    direction: 'long',
    score: 41.5,
    probability: tier === 'PRIME' ? 0.83 : 0.55,
    calibrated: tier === 'PRIME',
    evBps: 12.4,
    reason: 'test row',
  };
}

/** Every closed trade, oldest close first, as the journal lists them (newest first) reversed. */
const allTrades = (journal: Journal) =>
  journal.list({ book: 'paper', outcome: 'all', limit: 1000 }).trades.reverse();

function rig(board: SignalRow[], explainAt?: number) {
  const db = openVigilStore(':memory:').db;
  const clock = new ManualClock(Date.parse('2026-12-01T12:00:00Z'));
  const ledger = new Ledger(db);
  ledger.ensureBook('paper', 'USDT', '100000', T0);
  const changes: string[] = [];
  const stops = new Map<string, string>([['entry1', '9305']]);
  const journal = new Journal({
    db,
    audit: new AuditLog(db, clock),
    clock,
    timeZone: () => 'Europe/Berlin',
    bookCurrency: (bookId) => ledger.book(bookId)?.quoteAsset ?? null,
    bracketStop: (_book, cid) => stops.get(cid) ?? null,
    signals: {
      list: () => board,
      explain: (key) => {
        const r = board.find((b) => b.timeframe === key.timeframe);
        if (r === undefined) return Promise.reject(new Error('not scanned'));
        const signal: ScannerSignal = {
          ...r,
          at: explainAt ?? r.at,
          costBps: 3,
          confluence: 0.5,
          gates: [],
          levels: null,
          contributions: [
            {
              factor: 'trend',
              raw: 1,
              value: 60,
              weight: 30,
              contribution: 18,
              z: 1.2,
              clipped: false,
            },
          ],
        };
        return Promise.resolve(signal);
      },
    },
    changed: (e) => changes.push(`${e.cause} ${e.tradeId ?? '-'}`),
    onError: (e) => {
      throw e;
    },
  });
  let n = 0;
  /** Records a fill in the ledger and hands it to the journal (unless `tell` is false: history). */
  const record = (
    part: Pick<LedgerFillInput, 'side' | 'qty' | 'price' | 'at'> & Partial<LedgerFillInput>,
    tell = true,
  ) => {
    n += 1;
    const { fill } = ledger.recordFill({
      bookId: 'paper',
      fillId: `F${n}`,
      clientOrderId: `cid${n}`,
      symbol: 'BTC/USDT',
      fee: '0',
      feeAsset: 'USDT',
      liquidity: 'taker',
      ...part,
    });
    if (tell) journal.onFill(fill);
  };
  return { db, journal, record, changes };
}

describe('journal', () => {
  it('keeps the signal standing at the entry fill, with its factors, and lists trades with their R', async () => {
    const { journal, record, changes } = rig([row(T0, 'PRIME', '4h'), row(T0, 'WATCH', '1h')]);
    record({ side: 'buy', qty: '0.5', price: '9340', clientOrderId: 'entry1', at: T0 });
    record({ side: 'sell', qty: '0.5', price: '9398.95', at: T0 + 3 * HOUR });
    await journal.settled();
    const [trade] = allTrades(journal);
    expect(trade).toMatchObject({
      symbol: 'BTC/USDT',
      netPnl: '29.475',
      // (9398.95 - 9340) x 0.5 = 29.475 over a risk of (9340 - 9305) x 0.5 = 17.5.
      rMultiple: '1.68',
      initialRisk: { amount: '17.5', stop: '9305', source: 'bracket' },
      holdingMs: 3 * HOUR,
      entrySignal: {
        tier: 'PRIME',
        timeframe: '4h',
        probability: 0.83,
        calibrated: true,
        factors: [{ factor: 'trend', value: 60, contribution: 18 }],
        factorsMissing: null,
      },
    });
    expect(changes).toEqual(['fill T1']); // the entry was no news, the close was
    expect(journal.list({ book: 'paper', outcome: 'all', limit: 1000 }).stats).toMatchObject({
      withR: 1,
      averageR: '1.68',
      totalR: '1.68',
    });
  });

  it('keeps the timeframe a source names for the entry order (a plan), not the strongest', async () => {
    const { journal, record } = rig([row(T0, 'PRIME', '4h'), row(T0, 'WATCH', '1h')]);
    journal.addEntryTimeframeSource(({ clientOrderId }) =>
      clientOrderId === 'planned' ? '1h' : null,
    );
    record({ side: 'buy', qty: '0.1', price: '9340', clientOrderId: 'planned', at: T0 });
    record({ side: 'sell', qty: '0.1', price: '9370', at: T0 + HOUR });
    await journal.settled();
    // The board said "uncalibrated" next to this P: the journal keeps that with it.
    expect(allTrades(journal)[0]?.entrySignal).toMatchObject({
      tier: 'WATCH',
      timeframe: '1h',
      probability: 0.55,
      calibrated: false,
    });
  });

  it('says why the factors are missing when the scanner moved on before they were read', async () => {
    const { journal, record } = rig([row(T0, 'WATCH', '1h')], T0 + HOUR);
    record({ side: 'buy', qty: '0.1', price: '9340', at: T0 });
    record({ side: 'sell', qty: '0.1', price: '9310', at: T0 + HOUR });
    await journal.settled();
    expect(allTrades(journal)[0]).toMatchObject({
      rMultiple: null,
      rMissing: 'entry order cid1 had no protective stop',
      entrySignal: {
        tier: 'WATCH',
        factors: null,
        factorsMissing: 'the scanner had moved to a newer bar before the factors were read',
      },
    });
  });

  it('filters by day in the trader zone, tier, tag and outcome; notes are audited and refuse unknown trades', () => {
    const { db, journal, record } = rig([]);
    // Closes at 21:30 UTC on 8 May (23:30 Berlin) and 22:30 UTC (00:30 on 9 May in Berlin).
    record({ side: 'buy', qty: '0.1', price: '9340', at: T0 });
    record({ side: 'sell', qty: '0.1', price: '9370', at: Date.parse('2018-05-08T21:30:00Z') });
    record({ side: 'buy', qty: '0.1', price: '9398.95', at: Date.parse('2018-05-08T22:00:00Z') });
    record({ side: 'sell', qty: '0.1', price: '9310', at: Date.parse('2018-05-08T22:30:00Z') });
    const all = journal.list({ book: 'paper', outcome: 'all', limit: 1000 });
    expect(all.trades.map((t) => t.id)).toEqual(['T3', 'T1']); // newest close first
    expect(all.totals).toEqual([{ currency: 'USDT', netPnl: '-5.895' }]);
    // Neither entry had a stop: the win rate is known, R is not.
    expect(all.stats).toEqual({
      wins: 1,
      losses: 1,
      winRate: 0.5,
      withR: 0,
      averageR: null,
      totalR: null,
    });
    const ids = (f: Partial<Parameters<Journal['list']>[0]>) =>
      journal.list({ book: 'paper', outcome: 'all', limit: 1000, ...f }).trades.map((t) => t.id);
    expect(ids({ to: '2018-05-08' })).toEqual(['T1']);
    expect(ids({ from: '2018-05-09' })).toEqual(['T3']);
    expect(ids({ outcome: 'winners' })).toEqual(['T1']);
    expect(ids({ outcome: 'losers' })).toEqual(['T3']);
    expect(ids({ tier: 'NONE' })).toEqual(['T3', 'T1']);
    expect(ids({ tier: 'PRIME' })).toEqual([]);
    expect(() => ids({ from: '2018-05-09', to: '2018-05-08' })).toThrow(CommandRefusal);

    const noted = journal.setNote(
      { book: 'paper', tradeId: 'T3', text: 'chased the breakout', tags: ['fomo', 'fomo', 'late'] },
      'user:test',
    );
    expect(noted).toMatchObject({ notes: 'chased the breakout', tags: ['fomo', 'late'] });
    expect(ids({ tag: 'fomo' })).toEqual(['T3']);
    const audit = db
      .prepare("SELECT actor, payload FROM audit_log WHERE kind = 'journal.note_set'")
      .all();
    expect(audit).toEqual([
      {
        actor: 'user:test',
        payload: JSON.stringify({
          bookId: 'paper',
          tags: ['fomo', 'late'],
          text: 'chased the breakout',
          tradeId: 'T3',
        }),
      },
    ]);
    expect(() =>
      journal.setNote({ book: 'paper', tradeId: 'T2', text: 'x', tags: [] }, 'user:test'),
    ).toThrow('tradeId: no closed trade T2 in book paper');
    expect(journal.calendar('paper', '2018-05').days.slice(7, 9)).toMatchObject([
      { date: '2018-05-08', netPnl: '3', trades: 1 },
      { date: '2018-05-09', netPnl: '-8.895', trades: 1 },
    ]);
  });
});

describe('journal news', () => {
  it('tells of a change only when a fill closes a trade (entries, adds and partial exits are no news), and of a note', async () => {
    const { journal, record, changes } = rig([]);
    const at = (h: number): number => T0 + h * HOUR;
    record({ side: 'buy', qty: '0.5', price: '9340', at: at(0) });
    record({ side: 'buy', qty: '0.5', price: '9370', at: at(1) });
    record({ side: 'sell', qty: '0.4', price: '9398.95', at: at(2) });
    expect(changes).toEqual([]); // an entry, an add and a partial exit: the journal is unchanged
    record({ side: 'sell', qty: '0.6', price: '9310', at: at(3) });
    expect(changes).toEqual(['fill T1']);
    record({ side: 'sell', qty: '0.2', price: '9310', at: at(4) }); // opens a short (T5)
    expect(changes).toEqual(['fill T1']);
    record({ side: 'buy', qty: '0.5', price: '9340', at: at(5) }); // flips: closes T5, opens T6
    expect(changes).toEqual(['fill T1', 'fill T5']);
    journal.setNote({ book: 'paper', tradeId: 'T1', text: 'scaled in', tags: [] }, 'user:ui');
    expect(changes).toEqual(['fill T1', 'fill T5', 'note T1']);
    await journal.settled();
    expect(allTrades(journal).map((t) => t.id)).toEqual(['T1', 'T5']);
  });

  it('a fill recorded while the history is read is checked when the warm-up ends; old trades are no news', async () => {
    const { journal, record, changes } = rig([]);
    record({ side: 'buy', qty: '0.1', price: '9340', at: T0 }, false);
    record({ side: 'sell', qty: '0.1', price: '9370', at: T0 + HOUR }, false);
    record({ side: 'buy', qty: '0.1', price: '9340', at: T0 + 2 * HOUR }, false);
    record({ side: 'sell', qty: '0.1', price: '9310', at: T0 + 3 * HOUR }, false);
    const seenAtYields: string[][] = [];
    let yields = 0;
    await journal.warmUp(
      'paper',
      () => {
        yields += 1;
        seenAtYields.push([...changes]);
        if (yields === 1) {
          // The trader trades while the history is still being read.
          record({ side: 'buy', qty: '0.2', price: '9340', at: T0 + 4 * HOUR });
          record({ side: 'sell', qty: '0.2', price: '9398.95', at: T0 + 5 * HOUR });
        }
        return Promise.resolve();
      },
      3,
    );
    expect(yields).toBe(2);
    expect(seenAtYields).toEqual([[], []]);
    expect(changes).toEqual(['fill T5']);
    expect(allTrades(journal).map((t) => t.id)).toEqual(['T1', 'T3', 'T5']);
  });
});

describe('journal warm-up', () => {
  it('builds the history in slices, and later fills extend it: the same trades as one pass', async () => {
    const { journal, record } = rig([]);
    // History: in the ledger before this start, so the journal is not told of it.
    for (let i = 0; i < 7; i += 1) {
      record({ side: 'buy', qty: '0.1', price: '9340', at: T0 + i * 2 * HOUR }, false);
      record(
        {
          side: 'sell',
          qty: '0.1',
          price: i % 2 === 0 ? '9370' : '9310',
          at: T0 + (i * 2 + 1) * HOUR,
        },
        false,
      );
    }
    let yields = 0;
    await journal.warmUp(
      'paper',
      () => {
        yields += 1;
        return Promise.resolve();
      },
      3,
    );
    expect(yields).toBe(4); // 14 fills in slices of 3: four pauses, the fifth slice is short
    record({ side: 'buy', qty: '0.1', price: '9340', at: T0 + 20 * HOUR });
    record({ side: 'sell', qty: '0.1', price: '9398.95', at: T0 + 21 * HOUR });
    const trades = allTrades(journal);
    expect(trades.map((t) => t.id)).toEqual(['T1', 'T3', 'T5', 'T7', 'T9', 'T11', 'T13', 'T15']);
    expect(trades.at(-1)?.netPnl).toBe('5.895');
  });
});
