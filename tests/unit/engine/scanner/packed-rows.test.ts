import { describe, expect, it } from 'vitest';
import type { ScannerSignal } from '../../../../src-shared/contract/scanner';
import { loadCandleCsv } from '../../../../src-main/engine/market/csv-loader';
import {
  CandlePacker,
  type SeriesIdentity,
} from '../../../../src-main/engine/scanner/packed-candles';
import { BoardRows } from '../../../../src-main/engine/scanner/board-rows';
import { packRows, type PackedRows } from '../../../../src-main/engine/scanner/packed-rows';
import { ScannerCore } from '../../../../src-main/engine/scanner/scanner-core';
import { DEFAULT_SCANNER_CONFIG } from '../../../../src-main/engine/scanner/scoring/scanner-config';
import { signalKey, signalRow } from '../../../../src-main/engine/scanner/signal-row';
import { sharedCandleFile } from '../../../support/candle-data';

const UTF8 = new TextDecoder();

/** The rows as the engine reads them back, markets named by `identities`, keys `key <id>`. */
function readBack(packed: PackedRows, identities: readonly SeriesIdentity[]): BoardRows {
  return new BoardRows(packed, {
    identity: (id) => identities[id] as SeriesIdentity,
    key: (id) => `key ${id}`,
  });
}

describe('board rows packed by the scanner worker', () => {
  it('come back exactly as signalRow makes them, FAILED nulls and shared reasons included', async () => {
    const { candles } = await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1h.csv'));
    const core = new ScannerCore({ ...DEFAULT_SCANNER_CONFIG, timeframes: ['1h'] });
    const signals: ScannerSignal[] = [];
    for (const candle of candles) {
      const step = core.onCandle({
        exchange: 'binance',
        symbol: 'BTC/USDT',
        quote: 'USDT',
        timeframe: '1h',
        candle,
      });
      if (step.signal !== null) signals.push(step.signal);
    }
    const tiers = new Set(signals.map((s) => s.tier));
    expect(tiers.has('WATCH') && tiers.has('IGNORE')).toBe(true);
    const failed: ScannerSignal = {
      ...(signals.at(-1) as ScannerSignal),
      tier: 'FAILED',
      direction: 'flat',
      score: null,
      probability: null,
      evBps: null,
      reason: 'factor momentum: produced NaN',
    };
    // One row per series: the last 300 evaluations as 300 markets (every other one marked
    // calibrated, so the flag must cross with its own row), and one FAILED market.
    const sample = [
      ...signals.slice(-300).map((s, i) => ({ ...s, calibrated: i % 2 === 0 })),
      failed,
    ];
    const identities: SeriesIdentity[] = sample.map((s, i) => ({
      exchange: s.exchange,
      symbol: `M${i}/USDT`,
      quote: 'USDT',
      timeframe: s.timeframe,
    }));
    const latest = sample.map((s, i) => ({
      ...s,
      symbol: (identities[i] as SeriesIdentity).symbol,
    }));
    const packed = packRows(
      latest.map((_, i) => i),
      latest,
    );
    expect(() => packRows([0], latest)).toThrow(
      `packed rows: 1 series for ${latest.length} signals`,
    );
    // Reasons repeat across markets ("WATCH holds: ..."): each crosses once.
    expect(packed.reasons.length).toBeLessThan(sample.length);
    const board = readBack(packed, identities);
    const rows = board.rows;
    expect(Array.from({ length: board.length }, (_, i) => board.key(i))).toEqual(
      sample.map((_, i) => `key ${i}`),
    );
    // Made once: the board's list and a payload's reader get the same objects.
    expect(board.row(7)).toBe(rows[7]);
    expect(board.payload().rows).toEqual(rows);
    expect(() => board.row(sample.length)).toThrow(
      `board rows: no row ${sample.length} in a batch of ${sample.length}`,
    );
    expect(rows).toEqual(
      sample.map((s, i) => signalRow({ ...s, symbol: (identities[i] as SeriesIdentity).symbol })),
    );
    expect(rows.at(-1)).toMatchObject({ tier: 'FAILED', score: null, probability: null });
    // The JSON the worker writes for the window is what serializing the rows here would give.
    expect(UTF8.decode(packed.boardJson)).toBe(JSON.stringify({ rows }));
  });

  it('carry the JSON the main thread would have made of them, for any market name, reason and figure', () => {
    // Synthetic: names and figures real data never has (quotes, escapes, astral and lone
    // surrogate characters, -0, huge and tiny numbers, a non-finite number).
    const base: ScannerSignal = {
      exchange: 'x',
      symbol: 'A/USD',
      timeframe: '1h',
      at: 1_700_000_000_000,
      tier: 'WATCH',
      tierSince: 1_699_000_000_000,
      tierSinceKnown: true,
      direction: 'long',
      score: 12.5,
      probability: 0.61,
      calibrated: false,
      evBps: 3.25,
      reason: 'WATCH holds',
      contributions: [],
      gates: [],
    } as unknown as ScannerSignal;
    const odd: ScannerSignal[] = [
      {
        ...base,
        exchange: 'bin"ance\\',
        symbol: 'Ä€/U\u2028SD\n',
        reason: 'quote " and \\ and \t',
      },
      { ...base, symbol: '\ud83d\ude80/USDT', score: -0, probability: 1e-12, evBps: -1e21 },
      { ...base, symbol: 'LONE\ud800/USD', score: Number.NaN, reason: '' },
      {
        ...base,
        symbol: 'N/USD',
        tier: 'FAILED',
        tierSince: 1_700_000_000_000,
        tierSinceKnown: false,
        direction: 'flat',
        score: null,
        probability: null,
        evBps: null,
        calibrated: true,
      },
    ];
    const identities: SeriesIdentity[] = odd.map((s) => ({ ...s, quote: 'USD' }));
    const packed = packRows(
      odd.map((_, i) => i),
      odd,
    );
    const rows = readBack(packed, identities).rows;
    // Byte for byte: what the transport would have sent had it serialized the rows itself.
    expect(UTF8.decode(packed.boardJson)).toBe(JSON.stringify({ rows }));
    expect(rows.map((r) => r.symbol)).toEqual(odd.map((s) => s.symbol));
  });

  it('name their market through the packer that numbered the candles', () => {
    const packer = new CandlePacker();
    const candle = { openTime: 0, open: 1, high: 1, low: 1, close: 1, volume: 1 };
    packer.pack([
      { exchange: 'x', symbol: 'A/USD', quote: 'USD', timeframe: '1h', candle },
      { exchange: 'x', symbol: 'B/USD', quote: 'USD', timeframe: '4h', candle },
    ]);
    expect(packer.identity(1)).toEqual({
      exchange: 'x',
      symbol: 'B/USD',
      quote: 'USD',
      timeframe: '4h',
    });
    expect(() => packer.identity(2)).toThrow('packed rows: series 2 was never sent');
    // The board files each row under its market's key, made once per series.
    expect(packer.key(1)).toBe(signalKey({ exchange: 'x', symbol: 'B/USD', timeframe: '4h' }));
    expect(() => packer.key(2)).toThrow('packed rows: series 2 was never sent');
  });
});
