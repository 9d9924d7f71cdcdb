import type { Database, Statement } from 'better-sqlite3';
import { CalibrationSchema, type Calibration } from '../../../../src-shared/contract/calibration';

/** A calibration as stored: `current` is decided against the running configuration on read. */
export type StoredCalibration = Omit<Calibration, 'current'>;

const StoredCalibrationSchema = CalibrationSchema.omit({ current: true });

/** The latest calibration of each market and timeframe, in the engine's database. */
export class CalibrationStore {
  private readonly upsert: Statement;
  private readonly all: Statement<
    [],
    { record: string; exchange: string; symbol: string; timeframe: string }
  >;

  constructor(private readonly db: Database) {
    this.upsert = db.prepare(`
      INSERT INTO scanner_calibrations (exchange, symbol, timeframe, fitted_at, usable, record)
      VALUES (@exchange, @symbol, @timeframe, @fittedAt, @usable, @record)
      ON CONFLICT (exchange, symbol, timeframe) DO UPDATE SET
        fitted_at = excluded.fitted_at, usable = excluded.usable, record = excluded.record`);
    this.all = db.prepare(
      'SELECT exchange, symbol, timeframe, record FROM scanner_calibrations ORDER BY exchange, symbol, timeframe',
    );
  }

  /** Replaces each market and timeframe's calibration with the new one, in one transaction. */
  save(calibrations: readonly StoredCalibration[]): void {
    this.db.transaction(() => {
      for (const c of calibrations) {
        this.upsert.run({
          exchange: c.exchange,
          symbol: c.symbol,
          timeframe: c.timeframe,
          fittedAt: c.fittedAt,
          usable: c.usable ? 1 : 0,
          record: JSON.stringify(StoredCalibrationSchema.parse(c)),
        });
      }
    })();
  }

  /** Every stored calibration; a row that does not parse is refused, naming its market. */
  list(): StoredCalibration[] {
    return this.all.all().map((row) => {
      const parsed = StoredCalibrationSchema.safeParse(JSON.parse(row.record));
      if (!parsed.success)
        throw new Error(
          `stored calibration of ${row.exchange} ${row.symbol} ${row.timeframe} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      return parsed.data;
    });
  }
}
