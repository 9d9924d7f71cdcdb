import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src-shared/contract/events';
import {
  ScannerSignalSchema,
  SignalRowSchema,
  TierChangeSchema,
} from '../../src-shared/contract/scanner';
import { verifyAuditChain } from '../../src-main/engine/audit/verify-audit';
import { Engine } from '../../src-main/engine/engine';
import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import { buildTimeline, candleAt } from '../../src-main/engine/market/replay-timeline';
import { scannerCandle } from '../../src-main/engine/scanner/scanner-candle';
import { ScannerCore } from '../../src-main/engine/scanner/scanner-core';
import { SignalBoard } from '../../src-main/engine/scanner/signal-board';
import { ScannerService } from '../../src-main/engine/scanner/scanner-service';
import { signalRow } from '../../src-main/engine/scanner/signal-row';
import { DEFAULT_SCANNER_CONFIG } from '../../src-main/engine/scanner/scoring/scanner-config';
import { sharedCandleFile } from '../support/candle-data';
import { ManualClock } from '../support/manual-clock';
import { defined } from '../support/defined';
import { useTempDirs } from '../support/temp-dir';

describe('scanner service (worker thread) inside the engine', () => {
  const tempDir = useTempDirs();

  it('publishes signals and tier changes as contract events and audits them', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const engine = Engine.start({
      dataDir: tempDir(),
      version: 'test',
      host: 'test',
      clock,
      scheduler: clock,
    });
    const received: EventEnvelope[] = [];
    engine.events.subscribe((e) => received.push(e));
    const board = new SignalBoard();
    const service = await ScannerService.start({
      events: engine.events,
      audit: engine.audit,
      config: { ...DEFAULT_SCANNER_CONFIG, timeframes: ['1h'] },
      board,
    });
    try {
      const { candles } = await loadCandleCsv(sharedCandleFile('bittrex_ETC-BTC_1h.csv'));
      const batch = await service.ingest(
        candles.map((candle) => ({
          exchange: 'bittrex',
          symbol: 'ETC/BTC',
          quote: 'BTC',
          timeframe: '1h' as const,
          candle,
        })),
      );
      // Full signals cross the thread only where published; the rest is one row per market.
      expect(batch.published.length).toBeGreaterThan(0);
      // A holding WATCH is not re-published (PublicationRule): on one clean series, whose tier
      // machine starts at IGNORE, every publication is a tier change.
      expect(batch.published.every((p) => p.tierChange !== null)).toBe(true);
      const rows = batch.board.rows;
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(row?.at).toBe((candles.at(-1)?.openTime ?? 0) + 3_600_000);
      expect(board.list()).toEqual(rows);
      const boardEvents = received.filter((e) => e.kind === 'boardUpdated');
      // Its rows are made when read; serialized, it is the payload of those rows.
      expect(boardEvents.map((e) => (e.kind === 'boardUpdated' ? e.payload.rows : null))).toEqual([
        rows,
      ]);
      expect(boardEvents.map((e) => JSON.stringify(e.payload))).toEqual([JSON.stringify({ rows })]);
      for (const r of SignalRowSchema.array().parse(rows))
        expect(Object.keys(r)).not.toContain('contributions');

      // The explanation behind the row comes from the worker, on request, in full.
      const key = { exchange: 'bittrex', symbol: 'ETC/BTC', timeframe: '1h' as const };
      const explained = ScannerSignalSchema.parse(await board.explain(key));
      expect(signalRow(explained)).toEqual(row);
      expect(explained.contributions.length).toBeGreaterThan(0);
      expect(explained.gates).toHaveLength(4);
      await expect(board.explain({ ...key, symbol: 'XLM/BTC' })).rejects.toThrow(
        'no signal for bittrex XLM/BTC 1h: the scanner has not evaluated that market yet',
      );

      const signals = received.filter((e) => e.kind === 'signalPublished');
      const changes = received.filter((e) => e.kind === 'tierChanged');
      expect(signals.length).toBeGreaterThan(0);
      expect(changes.length).toBeGreaterThan(0);
      // Every published signal travels whole; the evaluations that stayed IGNORE do not.
      expect(signals.length).toBeLessThan(candles.length - 100);
      for (const e of signals) ScannerSignalSchema.parse(e.payload);
      for (const e of changes) TierChangeSchema.parse(e.payload);

      const kinds = engine.store.db
        .prepare(
          "SELECT kind, COUNT(*) AS n FROM audit_log WHERE kind LIKE 'scanner.%' GROUP BY kind ORDER BY kind",
        )
        .all() as Array<{ kind: string; n: number }>;
      expect(kinds).toEqual([{ kind: 'scanner.signal_published', n: signals.length }]);
      // Each tier change is recorded in its publication's row, with the tier it left.
      const changed = engine.store.db
        .prepare(
          "SELECT json_extract(payload, '$.changedFrom') AS fromTier, json_extract(payload, '$.tier') AS tier FROM audit_log WHERE kind = 'scanner.signal_published' AND json_extract(payload, '$.changedFrom') IS NOT NULL ORDER BY seq",
        )
        .all();
      expect(changed).toEqual(
        changes.map((e) => {
          const c = TierChangeSchema.parse(e.payload);
          return { fromTier: c.from, tier: c.to };
        }),
      );
      expect(verifyAuditChain(engine.store.db).intact).toBe(true);

      const status = engine.status();
      expect(status.eventLoopLag.samples).toBeGreaterThanOrEqual(0);
      expect(status.eventLoopLag.p99Ms).toBeGreaterThanOrEqual(status.eventLoopLag.p50Ms);
      // The loop's own CPU share of a late timer is part of that lateness, never more.
      expect(status.eventLoopLag.maxBusyMs).toBeLessThanOrEqual(status.eventLoopLag.maxMs);
    } finally {
      await service.close();
      engine.stop('test done');
    }
    // A stopped scanner explains nothing, and says so.
    await expect(
      board.explain({ exchange: 'bittrex', symbol: 'ETC/BTC', timeframe: '1h' }),
    ).rejects.toThrow('the scanner is not running');
  }, 60_000); // starts a worker thread
});

describe('scanner service publications after a warm-up', () => {
  const tempDir = useTempDirs();

  it('publishes each market once on its first live evaluation after the warm-up, then only changes', async () => {
    const engine = Engine.start({ dataDir: tempDir(), version: 'test', host: 'test' });
    const received: EventEnvelope[] = [];
    engine.events.subscribe((e) => received.push(e));
    const service = await ScannerService.start({
      events: engine.events,
      audit: engine.audit,
      config: { ...DEFAULT_SCANNER_CONFIG, timeframes: ['1h', '4h'] },
      board: new SignalBoard(),
    });
    try {
      const sources = await Promise.all(
        ['binance_BTC-USDT_1h.csv', 'binance_ETH-BTC_1h.csv'].map((f) =>
          loadCandleCsv(sharedCandleFile(f)),
        ),
      );
      const timeline = buildTimeline(sources, ['4h']);
      const candleOf = (e: number) => {
        const s = defined(timeline.series[timeline.seriesOf[e] as number]);
        return scannerCandle(
          s.key.exchange,
          s.key.symbol,
          s.key.timeframe,
          candleAt(s, timeline.indexOf[e] as number),
        );
      };
      const live = (from: number, to: number) =>
        Array.from({ length: to - from }, (_, i) => candleOf(from + i));
      // Where to stop the warm-up: before a bar that holds a WATCH or PRIME tier (no change),
      // found by the same scanner in this thread.
      const probe = new ScannerCore({ ...DEFAULT_SCANNER_CONFIG, timeframes: ['1h', '4h'] });
      let cursor = -1;
      for (let e = 0; e < timeline.length && cursor < 0; e += 1) {
        const step = probe.onCandle(candleOf(e), false);
        if (
          e >= 200 &&
          step.signal !== null &&
          step.tierChange === null &&
          step.signal.tier !== 'IGNORE'
        )
          cursor = e;
      }
      expect(cursor).toBeGreaterThan(0);
      const warmRows = await service.warm(timeline, cursor);
      // History is not news: the warm-up fills the board and publishes nothing.
      expect(received.filter((e) => e.kind === 'signalPublished')).toEqual([]);
      const next = candleOf(cursor);
      expect(
        warmRows.find((r) => r.symbol === next.symbol && r.timeframe === next.timeframe)?.tier,
      ).not.toBe('IGNORE');
      // Its tier holds on this bar, yet it is the first live evaluation since the warm-up: news.
      const first = await service.ingest([next]);
      expect(first.published).toHaveLength(1);
      expect(first.published[0]).toMatchObject({
        tierChange: null,
        signal: { symbol: next.symbol, timeframe: next.timeframe },
      });
      expect(defined(first.published[0]).signal.contributions.length).toBeGreaterThan(0);
      // Later bars: a held tier is news only on the other markets' first live evaluation (once
      // each, never again); the rest of the publications are tier changes.
      const later = await service.ingest(live(cursor + 1, Math.min(timeline.length, cursor + 400)));
      const held = later.published
        .filter((p) => p.tierChange === null)
        .map((p) => `${p.signal.symbol} ${p.signal.timeframe}`);
      expect(new Set(held).size).toBe(held.length);
      expect(held).not.toContain(`${next.symbol} ${next.timeframe}`);
      expect(later.published.filter((p) => p.tierChange !== null).length).toBeGreaterThan(0);
    } finally {
      await service.close();
      engine.stop('test done');
    }
  }, 60_000);
});
