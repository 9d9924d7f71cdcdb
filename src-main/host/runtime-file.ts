import { rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../engine/private-file';

/**
 * A running app or host announces itself in its data folder, so `vigil kill` and friends can
 * find and authenticate to it. Mode 0600: the token in it is as good as the trader's hands.
 * Checked by hand, not with zod: every CLI command reads it, and `vigil kill` starts without zod.
 */
export interface RuntimeInfo {
  readonly pid: number;
  readonly port: number;
  readonly token: string;
  readonly startedAt: number;
}

/** The host.json fields, or an error naming the file and the field that is wrong. */
export function parseRuntimeInfo(value: unknown, path: string): RuntimeInfo {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${path}: not a JSON object`);
  const record = value as Record<string, unknown>;
  const integer = (field: 'pid' | 'port' | 'startedAt'): number => {
    const v = record[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v))
      throw new Error(`${path}: ${field} must be an integer, got ${JSON.stringify(v)}`);
    return v;
  };
  const token = record.token;
  if (typeof token !== 'string') throw new Error(`${path}: token must be a string`);
  return { pid: integer('pid'), port: integer('port'), token, startedAt: integer('startedAt') };
}

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
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  return parseRuntimeInfo(json, path);
}

export function removeRuntimeFile(dataDir: string): void {
  rmSync(runtimeFilePath(dataDir), { force: true });
}
