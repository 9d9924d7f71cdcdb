import { describe, expect, it } from 'vitest';
import type { ScannerSignal, SignalRow } from '../../../../src-shared/contract/scanner';
import { BoardRows } from '../../../../src-main/engine/scanner/board-rows';
import type { SeriesIdentity } from '../../../../src-main/engine/scanner/packed-candles';
import { packRows } from '../../../../src-main/engine/scanner/packed-rows';
import { SignalBoard } from '../../../../src-main/engine/scanner/signal-board';
import { signalKey, signalRow } from '../../../../src-main/engine/scanner/signal-row';
import { defined } from '../../../support/defined';

function signal(symbol: string, tier: SignalRow['tier'], probability: number): ScannerSignal {
  return {
    exchange: 'x',
    symbol,
    timeframe: '1h',
    at: 1_700_000_000_000,
    tier,
    tierSince: 1_700_000_000_000,
    tierSinceKnown: false,
    direction: 'long',
    score: 10,
    probability,
    calibrated: false,
    evBps: 1,
    costBps: 1,
    confluence: 0,
    gates: [],
    contributions: [],
    levels: null,
    reason: `${tier} holds`,
  };
}

/** A scanned batch's rows as the engine reads them (series i is `signals[i]`'s market). */
function scanned(signals: readonly ScannerSignal[]): BoardRows {
  const identities: SeriesIdentity[] = signals.map((s) => ({ ...s, quote: 'USD' }));
  return new BoardRows(
    packRows(
      signals.map((_, i) => i),
      signals,
    ),
    {
      identity: (id) => identities[id] as SeriesIdentity,
      key: (id) => signalKey(identities[id] as SeriesIdentity),
    },
  );
}

describe('signal board', () => {
  it("keeps each market's latest row, from row objects and scanned batches alike", () => {
    const board = new SignalBoard();
    // A warm-up's rows, as objects.
    board.update([signal('A/USD', 'IGNORE', 0.2), signal('B/USD', 'WATCH', 0.55)].map(signalRow));
    // A bar close: B moves up, C is new; A keeps its warm-up row.
    const close = [signal('B/USD', 'PRIME', 0.85), signal('C/USD', 'WATCH', 0.6)];
    board.updateFrom(scanned(close));
    expect(board.list()).toEqual([
      signalRow(signal('B/USD', 'PRIME', 0.85)),
      signalRow(signal('C/USD', 'WATCH', 0.6)),
      signalRow(signal('A/USD', 'IGNORE', 0.2)),
    ]);
    // A later close replaces C again; B's row, copied out of the earlier batch, stays.
    board.updateFrom(scanned([signal('C/USD', 'IGNORE', 0.3)]));
    expect(board.list().map((r) => [r.symbol, r.tier])).toEqual([
      ['B/USD', 'PRIME'],
      ['C/USD', 'IGNORE'],
      ['A/USD', 'IGNORE'],
    ]);
    // A row object replaces a scanned row, and a scanned row a row object.
    board.update([signalRow(signal('B/USD', 'WATCH', 0.5))]);
    board.updateFrom(scanned([signal('A/USD', 'WATCH', 0.52)]));
    expect(board.list()).toEqual([
      signalRow(signal('A/USD', 'WATCH', 0.52)),
      signalRow(signal('B/USD', 'WATCH', 0.5)),
      signalRow(signal('C/USD', 'IGNORE', 0.3)),
    ]);
    // More markets than the first columns hold.
    const many = Array.from({ length: 100 }, (_, i) => signal(`M${i}/USD`, 'IGNORE', i / 1000));
    board.updateFrom(scanned(many));
    expect(board.list()).toHaveLength(103);
    expect(board.list().at(-1)).toEqual(signalRow(defined(many[0])));
    board.clear();
    expect(board.list()).toEqual([]);
    board.updateFrom(scanned([signal('D/USD', 'WATCH', 0.5)]));
    expect(board.list().map((r) => r.symbol)).toEqual(['D/USD']);
  });
});
