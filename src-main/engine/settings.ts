import type { Database, Statement } from 'better-sqlite3';

/** Small persisted key/value settings (the `meta` table); values are JSON. */
export class Settings {
  private readonly read: Statement;
  private readonly write: Statement;

  constructor(db: Database) {
    this.read = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.write = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
  }

  /** Reads a setting and validates it; a stored value that fails validation is an error. */
  get<T>(key: string, parse: (raw: unknown) => T, fallback: T): T {
    const row = this.read.get(key) as { value: string } | undefined;
    if (row === undefined) return fallback;
    try {
      return parse(JSON.parse(row.value));
    } catch (error) {
      throw new Error(`Stored setting '${key}' is invalid (${row.value}): ${String(error)}`, {
        cause: error,
      });
    }
  }

  set(key: string, value: unknown): void {
    this.write.run(key, JSON.stringify(value));
  }
}
