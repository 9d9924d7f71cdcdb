import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes `content` to `path` as a new 0600 file renamed over the old one. writeFileSync's
 * `mode` only applies when it creates the file, so rewriting an existing 0644 file in place
 * would keep it readable by every local user; the rename also means a reader never sees half
 * a file.
 */
export function writePrivateFile(path: string, content: string): void {
  const fresh = `${path}.${process.pid}.new`;
  rmSync(fresh, { force: true });
  try {
    writeFileSync(fresh, content, { mode: 0o600, flag: 'wx' });
    renameSync(fresh, path);
  } catch (error) {
    rmSync(fresh, { force: true });
    throw error;
  }
}

/** Makes a create or rename in `folder` durable (POSIX; Windows has no folder handles to sync). */
export function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
