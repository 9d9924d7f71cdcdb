import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src-shared/contract/events';
import { SHARED_CANDLES_DIR } from '../support/candle-data';
import { startReplayHost } from '../support/replay-host';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * A large replay folder of real candles: every valid shared file, three times over under other
 * exchange names (x1_, x2_, x3_), about 700,000 candles before aggregation.
 */
function largeReplayDir(): string {
  const dir = tempDir();
  const files = readdirSync(SHARED_CANDLES_DIR).filter(
    (f) => f.endsWith('.csv') && f !== 'coinbase_BTC-USD_1h.csv', // refused: out of order
  );
  for (const copy of ['x1', 'x2', 'x3'])
    for (const f of files)
      copyFileSync(
        join(SHARED_CANDLES_DIR, f),
        join(dir, `${copy}_${f.slice(f.indexOf('_') + 1)}`),
      );
  return dir;
}

describe('the replay loads off the main thread', () => {
  it('answers a kill sent while a large replay is still being built', async () => {
    const h = await startReplayHost(tempDir(), { replayDir: largeReplayDir(), beforeReady: true });
    cleanups.push(() => h.stop());
    const { engine, host, errors } = h;

    // The moment the loader says it is merging the timeline, the trader hits KILL.
    const building = new Promise<void>((resolve) => {
      const off = engine.events.subscribe((e: EventEnvelope) => {
        if (e.kind === 'feedStatusChanged' && e.payload.reason.includes('building the timeline')) {
          off();
          resolve();
        }
      });
    });
    await building;
    const kill = await host.client.call('kill', { via: 'cli', reason: 'during load' });
    // Answered, latched, while the replay was still loading: nothing on the main thread held it.
    expect(kill.killId).toMatch(/^[0-9a-f-]{36}$/);
    expect(engine.status().controlMode).toBe('HALTED');
    expect(engine.market.status()).toMatchObject({
      state: 'CONNECTING',
      reason: expect.stringContaining('building the timeline'),
    });
    expect(engine.market.activeFeed()).toBeUndefined();

    await engine.pipeline?.ready;
    const series = engine.market.series();
    expect(new Set(series.map((s) => s.exchange))).toEqual(new Set(['x1', 'x2', 'x3']));
    expect(errors).toEqual([]);
  }, 120_000);
});
