import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../../src-main/engine/audit/audit-log';
import { Journal } from '../../src-main/engine/journal/journal';
import { Ledger } from '../../src-main/engine/ledger/ledger';
import { openVigilStore } from '../../src-main/engine/schema';
import { at, loadCandles } from '../support/execution-fixture';
import { against, fastestInterleaved } from './measure';

/**
 * The journal's read path as the cockpit and `vigil journal` use it: Journal.list (every
 * closed trade rebuilt from the book's fills, its signal, note and R) and Journal.calendar, on
 * a real on-disk ledger of round trips at real BTC/USDT 1m closes. Both run on the engine's
 * main loop, which carries the kill switch: the ceiling is the loop-lag target (20 ms) for a
 * book of 10,000 fills.
 */
export async function runJournalBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-journal-'));
  try {
    const bars = loadCandles('binance_BTC-USDT_1m.csv');
    const store = openVigilStore(join(dir, 'vigil.db'));
    const clock = { now: () => at(bars, 0).openTime };
    const ledger = new Ledger(store.db);
    ledger.ensureBook('paper', 'USDT', '100000000', clock.now());
    const journalOn = (): Journal =>
      new Journal({
        db: store.db,
        audit: new AuditLog(store.db, clock),
        clock,
        timeZone: () => 'Europe/Berlin',
        bookCurrency: () => 'USDT',
        bracketStop: () => '1000',
        signals: { list: () => [], explain: () => Promise.reject(new Error('no scanner')) },
        changed: () => {},
        onError: (e) => {
          throw e;
        },
      });
    const journal = journalOn();
    for (const fills of [1_000, 10_000]) {
      const have = ledger.fillCount('paper');
      store.db.transaction(() => {
        for (let i = have; i < fills; i += 1) {
          const bar = at(bars, i % bars.length);
          ledger.recordFill({
            bookId: 'paper',
            fillId: `B${i}`,
            clientOrderId: `cid${i - (i % 2)}`,
            symbol: 'BTC/USDT',
            side: i % 2 === 0 ? 'buy' : 'sell',
            qty: '0.01',
            price: String(bar.close),
            fee: '0.08',
            feeAsset: 'USDT',
            liquidity: 'taker',
            at: bar.openTime + Math.floor(i / bars.length) * bars.length * 60_000,
          });
        }
      })();
      const month = new Date(at(bars, 0).openTime).toISOString().slice(0, 7);
      const fastest = fastestInterleaved(15, [
        ['list', () => journal.list({ book: 'paper', outcome: 'all', limit: 1000 })],
        ['calendar', () => journal.calendar('paper', month)],
      ]);
      // A fresh journal (after a restart) builds every trade once; then only new fills are read.
      const cold = journalOn();
      const coldStart = process.hrtime.bigint();
      cold.list({ book: 'paper', outcome: 'all', limit: 1000 });
      const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
      // As the engine starts it: slices of 500 fills with the loop free in between.
      const warm = journalOn();
      const slices: number[] = [];
      let sliceStart = process.hrtime.bigint();
      await warm.warmUp('paper', () => {
        slices.push(Number(process.hrtime.bigint() - sliceStart) / 1e6);
        return new Promise<void>((resolve) =>
          setImmediate(() => {
            sliceStart = process.hrtime.bigint();
            resolve();
          }),
        );
      });
      slices.push(Number(process.hrtime.bigint() - sliceStart) / 1e6);
      const longest = Math.max(...slices);
      const list = fastest.get('list') ?? NaN;
      const calendar = fastest.get('calendar') ?? NaN;
      const ceiling = fills >= 10_000 ? ` ${against(list, '<', 20, ' ms')}` : '';
      console.log(
        `journal ${fills} fills (${fills / 2} trades): list ${list.toFixed(2)} ms${ceiling}, calendar ${calendar.toFixed(2)} ms, first list after a start without warm-up ${coldMs.toFixed(1)} ms; warm-up at start: longest slice ${longest.toFixed(1)} ms ${against(longest, '<', 20, ' ms')}`,
      );
    }
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
