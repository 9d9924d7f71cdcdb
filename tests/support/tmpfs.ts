import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A tmpfs this test mounted itself, so it can fill it up or make it read-only. */
export interface Tmpfs {
  readonly dir: string;
  remount(mode: 'ro' | 'rw'): void;
  unmount(): void;
}

/**
 * Mounts a fresh tmpfs of `sizeBytes` on a new folder under the system temp dir. Needs root
 * (CI and the build machines run as root); elsewhere it returns why not, for the skip message.
 */
export function mountTmpfs(sizeBytes: number): Tmpfs | { readonly skip: string } {
  if (process.platform !== 'linux')
    return { skip: `tmpfs mounts need Linux (${process.platform})` };
  const dir = mkdtempSync(join(tmpdir(), 'vigil-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0755`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return { skip: `cannot mount a tmpfs here (${stderr || (error as Error).message})` };
  }
  let mounted = true;
  return {
    dir,
    remount: (mode) => {
      execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'pipe' });
    },
    unmount: () => {
      if (!mounted) return;
      mounted = false;
      // Lazy: detached even if a failed test left a file open on it.
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The skip reason for a test title, or null when the mount is there. */
export function skipReason(mount: Tmpfs | { readonly skip: string }): string | null {
  return 'skip' in mount ? mount.skip : null;
}
