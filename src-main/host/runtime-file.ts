import { renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * A running app or host announces itself in its data folder, so `vigil kill` and friends can
 * find and authenticate to it. Mode 0600: the token in it is as good as the trader's hands.
 */
export const RuntimeInfoSchema = z.object({
  pid: z.number().int(),
  port: z.number().int(),
  token: z.string(),
  startedAt: z.number().int(),
});
export type RuntimeInfo = z.infer<typeof RuntimeInfoSchema>;

export function runtimeFilePath(dataDir: string): string {
  return join(dataDir, 'host.json');
}

/**
 * Writes host.json as a new 0600 file renamed over the old one: writeFileSync's `mode` only
 * applies when it creates the file, so rewriting an existing 0644 host.json in place would
 * keep the token readable by every local user.
 */
export function writeRuntimeFile(dataDir: string, info: RuntimeInfo): void {
  const path = runtimeFilePath(dataDir);
  const fresh = `${path}.${process.pid}.new`;
  rmSync(fresh, { force: true });
  try {
    writeFileSync(fresh, JSON.stringify(info), { mode: 0o600, flag: 'wx' });
    renameSync(fresh, path);
  } catch (error) {
    rmSync(fresh, { force: true });
    throw error;
  }
}

export function readRuntimeFile(dataDir: string): RuntimeInfo {
  const path = runtimeFilePath(dataDir);
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`No running Vigil found for ${dataDir} (no ${path}).`);
  }
  return RuntimeInfoSchema.parse(JSON.parse(raw));
}

export function removeRuntimeFile(dataDir: string): void {
  rmSync(runtimeFilePath(dataDir), { force: true });
}
