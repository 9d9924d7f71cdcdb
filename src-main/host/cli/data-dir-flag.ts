import { resolve } from 'node:path';
import { defaultDataDir } from '../../engine/data-dir';
import type { CliIo } from './cli-io';

/** The data folder: --data-dir if given, else the OS default for the user. */
export function resolveDataDir(flag: string | undefined, io: CliIo): string {
  return flag !== undefined ? resolve(flag) : defaultDataDir(io.platform, io.env, io.home);
}
