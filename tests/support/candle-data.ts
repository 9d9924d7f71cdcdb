import { join } from 'node:path';

/** The shared real candle files (read-only). See its README for provenance. */
export const SHARED_CANDLES_DIR = '/work/shared/data/candles';

export function sharedCandleFile(name: string): string {
  return join(SHARED_CANDLES_DIR, name);
}
