import { describe, expect, it } from 'vitest';
import type { BarClosed, FeedStatus } from '../../../../src-shared/domain/market';
import { loadCandleCsv, type LoadedCandles } from '../../../../src-main/engine/market/csv-loader';
import { ReplayFeed, type ReplayFeedOptions } from '../../../../src-main/engine/market/replay-feed';
import { ManualClock } from '../../../support/manual-clock';
import { sharedCandleFile } from '../../../support/candle-data';

const load = (name: string): Promise<LoadedCandles> => loadCandleCsv(sharedCandleFile(name));
const fail = (error: unknown): never => {
  throw error;
};

function replay(
  sources: LoadedCandles[],
  extra: Partial<ReplayFeedOptions> = {},
): { feed: ReplayFeed; clock: ManualClock; bars: BarClosed[]; statuses: FeedStatus[] } {
  const clock = new ManualClock(1_800_000_000_000);
  const feed = new ReplayFeed({ sources, clock, scheduler: clock, onError: fail, ...extra });
  const bars: BarClosed[] = [];
  const statuses: FeedStatus[] = [];
  feed.onBar((bar) => bars.push(bar));
  feed.onStatus((status) => statuses.push(status));
  return { feed, clock, bars, statuses };
}

const brief = (b: BarClosed): string =>
  `${b.candle.openTime}|${b.exchange}|${b.symbol}|${b.timeframe}|${b.candle.close}|${b.complete}|${b.gapBefore}`;

describe('ReplayFeed determinism', () => {
  it('keeps each max-speed tick within its main-thread budget, without changing the order', async () => {
    const files = await Promise.all(
      ['binance_BTC-USDT_1m.csv', 'binance_ETH-USDT_1m.csv'].map(load),
    );
    const a = replay(files);
    await a.feed.start();
    a.feed.drain();

    // A work clock that says every close-time group costs 4 ms: a 10 ms budget closes three
    // groups per tick (the third crosses it), however large maxBatch is.
    let work = 0;
    const b = replay(files, { tickBudgetMs: 10, maxBatch: 10_000, workClock: () => (work += 4) });
    await b.feed.start();
    b.feed.play('max');
    const perTick: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const before = b.bars.length;
      b.clock.advance(100);
      perTick.push(b.bars.length - before);
    }
    // Two 1m series close together: three groups are six bars.
    expect(perTick).toEqual([6, 6, 6, 6, 6]);
    for (let i = 0; i < 1000 && !b.feed.state().finished; i += 1) b.clock.advance(100);
    expect(b.bars.map(brief)).toEqual(a.bars.map(brief));
  });

  it('gives the identical event sequence for the same files and start, whatever the pace', async () => {
    const files = await Promise.all(
      ['binance_BTC-USDT_1m.csv', 'binance_ETH-USDT_1m.csv', 'binance_ETH-BTC_5m.csv'].map(load),
    );
    const startAt = Date.parse('2018-06-18T06:00:00Z');
    const derive = ['5m', '15m', '1h'] as const;

    // Run 1: everything at once.
    const a = replay(files, { derive: [...derive], startAt });
    await a.feed.start();
    expect(a.feed.drain()).toBe(a.bars.length);

    // Run 2: files listed in another order, played at 60x on 100 ms ticks with a pause,
    // single steps and a switch to max speed in between.
    const b = replay([...files].reverse(), { derive: [...derive], startAt, maxBatch: 77 });
    await b.feed.start();
    b.feed.play('60x');
    b.clock.advance(30_000);
    b.feed.pause();
    b.clock.advance(30_000);
    const paused = b.bars.length;
    b.feed.step();
    b.feed.step();
    b.feed.play('max');
    for (let i = 0; i < 1000 && !b.feed.state().finished; i += 1) b.clock.advance(100);

    expect(paused).toBeGreaterThan(0);
    expect(b.feed.state().finished).toBe(true);
    expect(b.bars.map(brief)).toEqual(a.bars.map(brief));
    expect(a.bars.length).toBeGreaterThan(2500);

    // Order: close time, then longer timeframe first.
    const closes = a.bars.map((bar) => bar.candle.openTime + tfMs(bar.timeframe));
    for (let i = 1; i < closes.length; i += 1) {
      expect(closes[i]).toBeGreaterThanOrEqual(closes[i - 1] as number);
      if (closes[i] === closes[i - 1])
        expect(tfMs((a.bars[i] as BarClosed).timeframe)).toBeLessThanOrEqual(
          tfMs((a.bars[i - 1] as BarClosed).timeframe),
        );
    }
    expect(a.bars[0]?.candle.openTime).toBe(startAt);
  });
});

describe('ReplayFeed virtual clock', () => {
  it('plays 1x and 10x in virtual time, pauses, and steps one bar close', async () => {
    const btc = await load('binance_BTC-USDT_1m.csv');
    const { feed, clock, bars, statuses } = replay([btc], { derive: ['5m'], speed: '1x' });
    const first = btc.candles[0]?.openTime as number; // 04:48
    expect(feed.status().state).toBe('CONNECTING');
    await feed.start();
    clock.advance(120_000);
    expect(bars).toHaveLength(0); // not playing yet
    feed.play();
    clock.advance(60_000);
    expect(bars.map((b) => b.candle.openTime)).toEqual([first]);
    expect(feed.clock.now()).toBe(first + 60_000);
    feed.play('10x');
    clock.advance(60_000); // 10 virtual minutes: the 1m bars of 04:49..04:58 close
    expect(bars.filter((b) => b.timeframe === '1m')).toHaveLength(11);
    // The 04:45 bucket holds only 04:48 and 04:49: it closes marked incomplete, 04:50 is full.
    expect(
      bars.filter((b) => b.timeframe === '5m').map((b) => [b.candle.openTime - first, b.complete]),
    ).toEqual([
      [-180_000, false],
      [120_000, true],
    ]);
    feed.pause();
    const before = bars.length;
    clock.advance(3_600_000);
    expect(bars).toHaveLength(before);
    // 05:00 closes the 04:59 1m bar and the 04:55 5m bar: one step, two bars, the longer
    // first (so the 1m bar is scanned with the 5m bar that closed at the same instant).
    expect(feed.state().now).toBe(Date.parse('2018-06-18T04:59:00Z'));
    feed.step();
    expect(bars.slice(before).map((b) => b.timeframe)).toEqual(['5m', '1m']);
    expect(feed.lastUpdateAgeMs()).toBe(0);
    // While playing, the status repeats once per tick that closed bars (its lastUpdateAt moves
    // on); the transitions are the distinct consecutive reasons.
    const reasons = statuses.map((s) => `${s.state} ${s.reason}`);
    const transitions = reasons.filter((r, i) => r !== reasons[i - 1]);
    const updates = statuses.map((s) => s.lastUpdateAt ?? 0);
    expect(updates).toEqual([...updates].sort((a, b) => a - b));
    expect(reasons.length).toBeGreaterThan(transitions.length);
    expect(transitions).toEqual([
      'LIVE replay paused at 2018-06-18T04:48:00.000Z',
      'LIVE replay playing at 1x',
      'LIVE replay playing at 10x',
      'LIVE replay paused at 2018-06-18T04:59:00.000Z',
      'LIVE replay paused at 2018-06-18T05:00:00.000Z',
    ]);
    feed.drain();
    expect(feed.status()).toMatchObject({
      state: 'ENDED',
      reason: expect.stringContaining('finished'),
    });
  });

  it('never shows the chart a candle that has not closed in replay time', async () => {
    const btc = await load('binance_BTC-USDT_1m.csv');
    const startAt = Date.parse('2018-06-18T12:00:00Z');
    const { feed, bars } = replay([btc], { startAt });
    const key = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' } as const;
    const window = feed.candles(key, { limit: 5 });
    expect(window.candles.map((c) => c.openTime)).toEqual(
      [5, 4, 3, 2, 1].map((k) => startAt - k * 60_000),
    );
    expect(feed.series()).toEqual([
      {
        ...key,
        origin: 'file',
        first: btc.candles[0]?.openTime,
        last: startAt - 60_000,
        bars: 432,
      },
    ]);
    feed.step();
    expect(bars[0]?.candle.openTime).toBe(startAt);
    expect(feed.candles(key, { limit: 1 }).candles[0]?.openTime).toBe(startAt);
    expect(
      feed.candles(key, { from: startAt - 120_000, to: startAt - 60_000, limit: 10 }).candles,
    ).toHaveLength(2);
  });
});

describe('ReplayFeed gaps', () => {
  it('reports gaps on the bars and marks derived buckets with missing minutes incomplete', async () => {
    // Real gap-heavy series: bittrex DASH-BTC 1m (1493 gaps, 1954 missing minutes).
    const dash = await load('bittrex_DASH-BTC_1m.csv');
    const { feed, bars } = replay([dash], { derive: ['5m'] });
    feed.drain();
    const ones = bars.filter((b) => b.timeframe === '1m');
    expect(ones).toHaveLength(dash.candles.length);
    expect(ones.reduce((n, b) => n + b.gapBefore, 0)).toBe(1954);
    expect(ones.filter((b) => b.gapBefore > 0)).toHaveLength(1493);
    const fives = bars.filter((b) => b.timeframe === '5m');
    expect(fives.some((b) => !b.complete)).toBe(true);
    expect(fives.some((b) => b.complete)).toBe(true);
    // No invented candle: every 1m bar is one of the file's rows, unchanged.
    expect(ones.map((b) => b.candle)).toEqual(dash.candles);
    const gaps = feed.candles(
      { exchange: 'bittrex', symbol: 'DASH/BTC', timeframe: '1m' },
      { limit: 5000 },
    ).gaps;
    expect(gaps.length).toBeGreaterThan(0);
  });
});

function tfMs(tf: string): number {
  return { '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000 }[tf] as number;
}

describe('ReplayFeed seek', () => {
  it('jumps back and forth; what follows a seek is what a replay started there plays', async () => {
    const files = await Promise.all(
      ['binance_BTC-USDT_1m.csv', 'binance_ETH-USDT_1m.csv'].map(load),
    );
    const derive = ['5m', '15m'] as const;
    const t0 = Date.parse('2018-06-18T10:00:00Z');
    const fresh = replay(files, { derive: [...derive], startAt: t0 });
    await fresh.feed.start();
    fresh.feed.drain();

    const r = replay(files, { derive: [...derive] });
    const seeks: number[] = [];
    r.feed.onSeek((state) => seeks.push(state.epoch));
    await r.feed.start();
    r.feed.play('max');
    for (let i = 0; i < 5; i += 1) r.clock.advance(100);
    // Forward past t0, then rewind to it: the chart history and the cursor follow.
    r.feed.seek(Date.parse('2018-06-18T15:00:00Z'));
    const afterForward = r.feed.candles(
      { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' },
      { limit: 1 },
    );
    expect(afterForward.candles[0]?.openTime).toBe(Date.parse('2018-06-18T14:59:00Z'));
    const state = r.feed.seek(t0);
    expect(state).toMatchObject({ now: t0, playing: true, epoch: 2, finished: false });
    expect(seeks).toEqual([1, 2]);
    const history = r.feed.series().find((s) => s.symbol === 'BTC/USDT' && s.timeframe === '1m');
    expect(history?.last).toBe(t0 - 60_000);
    const before = r.bars.length;
    for (let i = 0; i < 2000 && !r.feed.state().finished; i += 1) r.clock.advance(100);
    expect(r.bars.slice(before).map(brief)).toEqual(fresh.bars.map(brief));
    // Restart = the very beginning; out of range is refused with the data's bounds.
    expect(r.feed.seek(r.feed.state().start).finished).toBe(false);
    expect(() => r.feed.seek(Date.parse('2030-01-01T00:00:00Z'))).toThrow(
      /cannot seek to 2030-01-01T00:00:00.000Z; the data runs from 2018-06-18T04:48:00.000Z to/,
    );
  });
});
