import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src-main/engine/event-bus';
import { CandleStore } from '../../../../src-main/engine/market/candle-store';
import { MarketService } from '../../../../src-main/engine/market/market-service';
import {
  loadReplayHere,
  loadReplayOffThread,
  type ReplayLoadPhase,
} from '../../../../src-main/engine/market/replay-loader';
import type { SavedReplay } from '../../../../src-main/engine/market/replay-position';
import { openVigilStore } from '../../../../src-main/engine/schema';
import { sharedCandleFile } from '../../../support/candle-data';
import { ManualClock } from '../../../support/manual-clock';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

/** Two real files and one the loader refuses (its rows out of order). */
function folderWithARefusal(): string {
  const dir = tempDir();
  for (const f of ['binance_ETH-BTC_5m.csv', 'binance_BTC-USDT_1h.csv'])
    copyFileSync(sharedCandleFile(f), join(dir, f));
  writeFileSync(
    join(dir, 'binance_ETH-USDT_1h.csv'),
    'timestamp,open,high,low,close,volume\n1525762800000,1,1,1,1,1\n1525759200000,1,1,1,1,1\n',
  );
  return dir;
}

describe('the replay loader on the calling thread', () => {
  it('gives what its worker gives: the same timeline, files, refusals and phases', async () => {
    const dir = folderWithARefusal();
    const derive = ['15m', '1h', '4h'] as const;
    const herePhases: ReplayLoadPhase[] = [];
    const therePhases: ReplayLoadPhase[] = [];
    const here = await loadReplayHere(dir, derive, (p) => herePhases.push(p));
    const there = await loadReplayOffThread(dir, derive, (p) => therePhases.push(p));
    expect(here.timeline.length).toBeGreaterThan(1_000);
    expect(here.refused).toHaveLength(1);
    // Typed arrays compare element by element: every column of every series, and the order.
    expect(here).toEqual(there);
    expect(herePhases).toEqual(therePhases);
  });

  it('fails as the worker does, with the loader message naming the folder', async () => {
    const missing = join(tempDir(), 'nowhere');
    const failure = (load: Promise<unknown>): Promise<Error> =>
      load.then(
        () => new Error('loaded a folder that does not exist'),
        (e: unknown) => (e instanceof Error ? e : new Error(`not an Error: ${String(e)}`)),
      );
    const there = await failure(loadReplayOffThread(missing, []));
    const here = await failure(loadReplayHere(missing, []));
    expect(there.message).toMatch(/^replay loader: /);
    expect(here.message).toContain(missing);
    expect(here.message).toBe(there.message);
  });
});

describe('the replay position', () => {
  async function replay(keepPosition: boolean | undefined): Promise<{
    saved: SavedReplay[];
    loads: number;
  }> {
    const store = openVigilStore(':memory:');
    const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
    const saved: SavedReplay[] = [];
    let loads = 0;
    const errors: unknown[] = [];
    const market = new MarketService({
      events: new EventBus((e) => errors.push(e)),
      clock,
      scheduler: clock,
      onError: (e) => errors.push(e),
      store: new CandleStore(store.db),
      replayPosition: {
        load: () => {
          loads += 1;
          return null;
        },
        save: (position) => saved.push(position),
      },
    });
    const dir = tempDir();
    copyFileSync(sharedCandleFile('binance_ETH-BTC_5m.csv'), join(dir, 'binance_ETH-BTC_5m.csv'));
    await market.start({
      kind: 'replay',
      replayDir: dir,
      loader: 'this-thread',
      ...(keepPosition === undefined ? {} : { keepPosition }),
    });
    const feed = market.replayFeed();
    feed.play('max');
    for (let i = 0; i < 20; i += 1) {
      clock.advance(1_000);
      feed.advance();
    }
    await market.stop();
    store.close();
    expect(errors).toEqual([]);
    return { saved, loads };
  }

  it('is kept (read at start, saved as it plays) unless the engine says not to', async () => {
    const kept = await replay(undefined);
    expect(kept.loads).toBe(1);
    expect(kept.saved.length).toBeGreaterThan(2);
    const notKept = await replay(false);
    expect(notKept).toEqual({ saved: [], loads: 0 });
  });
});
