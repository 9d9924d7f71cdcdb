import { rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writePrivateFile } from '../engine/private-file';

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

/** host.json, always 0600 (it holds the token), replaced whole by a rename. */
export function writeRuntimeFile(dataDir: string, info: RuntimeInfo): void {
  writePrivateFile(runtimeFilePath(dataDir), JSON.stringify(info));
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
