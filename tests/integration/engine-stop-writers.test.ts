import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../src-shared/contract/dispatch';
import { Engine } from '../../src-main/engine/engine';
import { ManualClock } from '../support/manual-clock';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const caller = { origin: 'test' } as const;

/**
 * Stopping the engine closes its store last: the writers that run after the stop's synchronous
 * stretch (the book's valuation, scheduled on a microtask; the journal's capture of an entry's
 * factors, answered by the scanner worker) must be done or stopped before it closes, or they
 * write to a closed database ("The database connection is not open").
 */
describe('engine stop with writers still scheduled', () => {
  it('a fill just before stop: the valuation and the entry signal write nothing after the store closed, and the signal says the engine stopped first', async () => {
    const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
    const errors: unknown[] = [];
    const dataDir = tempDir();
    const engine = Engine.start({
      dataDir,
      version: 'test',
      host: 'test',
      clock,
      scheduler: clock,
      heartbeatMs: 3_600_000,
      market: { kind: 'replay', replayDir: 'resources/data', speed: 'max' },
      onError: (error) => errors.push(error),
    });
    let stopped = false;
    try {
      await engine.pipeline?.ready;
      // Paused replay: the market order fills at once, and BTC/USDT has a signal on the board,
      // so the fill opens a trade whose entry signal the journal captures (its factors come
      // from the scanner worker, later).
      const placed = await dispatchCommand(
        engine.handlers,
        'placeOrder',
        { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' },
        caller,
      );
      if (!placed.ok) throw new Error(placed.error.message);
      // A mark in the same stretch as the stop (a bar, a fill): its valuation is scheduled.
      engine.bookMarks.changed();
      engine.stop('test done');
      stopped = true;
      await engine.journal.settled();
      await new Promise((resolve) => setImmediate(resolve));
      expect(errors).toEqual([]);
    } finally {
      if (!stopped) engine.stop('test failed');
    }
    const db = new Database(join(dataDir, 'vigil.db'), { readonly: true });
    try {
      const rows = db.prepare('SELECT signal FROM journal_entry_signals').all() as Array<{
        signal: string;
      }>;
      expect(
        rows.map((r) => (JSON.parse(r.signal) as { factorsMissing: string }).factorsMissing),
      ).toEqual(['the engine stopped before the scanner returned the factors']);
    } finally {
      db.close();
    }
  }, 120_000);
});
