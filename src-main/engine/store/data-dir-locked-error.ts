/** Who holds a data folder's lock, as its lock file says. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: number;
}

// Its own file, free of zod: every CLI command (`vigil kill` first) imports it to word the
// error, and loading zod would cost the kill CLI's start a tenth of a second or more.
/** Another engine holds the data folder: two engines on one database must never run. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `another Vigil engine is running on ${dataDir} (pid ${owner.pid}, ${owner.host}, since ${new Date(owner.startedAt).toISOString()}): use that one (\`vigil status\`), or stop it first`,
    );
    this.name = 'DataDirLockedError';
  }
}
