import type { Database, Statement } from 'better-sqlite3';
import { TIMEFRAME_MS, type Candle } from '../../../src-shared/domain/candle';
import type { SeriesKey } from '../../../src-shared/domain/market';
import { candleProblems } from './candle-validation';
import { seriesId, type CandleWindow } from './market-feed';

interface CandleRow {
  open_time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * SQLite cache of closed candles, so a restart does not re-download history. Upserts are
 * idempotent: writing the same candle twice leaves one row, and a corrected candle from the
 * exchange replaces the earlier version. Every candle is validated before it is written.
 */
export class CandleStore {
  private readonly upsertStmt: Statement;
  private readonly latestStmt: Statement;
  private readonly countStmt: Statement;
  private readonly windowStmt: Statement;

  constructor(private readonly db: Database) {
    this.upsertStmt = db.prepare(`
      INSERT INTO candles (exchange, symbol, timeframe, open_time, open, high, low, close, volume)
      VALUES (@exchange, @symbol, @timeframe, @openTime, @open, @high, @low, @close, @volume)
      ON CONFLICT (exchange, symbol, timeframe, open_time) DO UPDATE SET
        open = excluded.open, high = excluded.high, low = excluded.low,
        close = excluded.close, volume = excluded.volume`);
    this.latestStmt = db.prepare(
      `SELECT open_time, open, high, low, close, volume FROM candles
       WHERE exchange = ? AND symbol = ? AND timeframe = ? ORDER BY open_time DESC LIMIT 1`,
    );
    this.countStmt = db.prepare(
      'SELECT count(*) AS n FROM candles WHERE exchange = ? AND symbol = ? AND timeframe = ?',
    );
    this.windowStmt = db.prepare(
      `SELECT open_time, open, high, low, close, volume FROM candles
       WHERE exchange = ? AND symbol = ? AND timeframe = ? AND open_time BETWEEN ? AND ?
       ORDER BY open_time DESC LIMIT ?`,
    );
  }

  /** Writes candles in one transaction; refuses the whole batch if any candle is invalid. */
  upsert(key: SeriesKey, candles: readonly Candle[]): number {
    const tfMs = TIMEFRAME_MS[key.timeframe];
    candles.forEach((candle, i) => {
      const problems = candleProblems(candle, tfMs);
      if (problems.length > 0) {
        throw new Error(`candle store: ${seriesId(key)} candle #${i}: ${problems.join('; ')}`);
      }
    });
    this.db.transaction(() => {
      for (const c of candles) this.upsertStmt.run({ ...key, ...c });
    })();
    return candles.length;
  }

  latest(key: SeriesKey): Candle | undefined {
    const row = this.latestStmt.get(key.exchange, key.symbol, key.timeframe) as
      CandleRow | undefined;
    return row === undefined ? undefined : fromRow(row);
  }

  count(key: SeriesKey): number {
    return (this.countStmt.get(key.exchange, key.symbol, key.timeframe) as { n: number }).n;
  }

  /** The newest `limit` candles within the bounds, oldest first. */
  window(key: SeriesKey, window: CandleWindow): Candle[] {
    const rows = this.windowStmt.all(
      key.exchange,
      key.symbol,
      key.timeframe,
      window.from ?? Number.MIN_SAFE_INTEGER,
      window.to ?? Number.MAX_SAFE_INTEGER,
      window.limit,
    ) as CandleRow[];
    return rows.reverse().map(fromRow);
  }
}

function fromRow(row: CandleRow): Candle {
  return {
    openTime: row.open_time,
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume: row.volume,
  };
}
