import { describe, expect, it } from 'vitest';
import { loadCandleCsv } from '../../../../src-main/engine/market/csv-loader';
import { CandlePacker, CandleUnpacker } from '../../../../src-main/engine/scanner/packed-candles';
import type { ScannerCandle } from '../../../../src-main/engine/scanner/scanner-core';
import { sharedCandleFile } from '../../../support/candle-data';

describe('candles packed for the scanner worker', () => {
  it('come back field for field, optional inputs included, each series named once', async () => {
    const { candles } = await loadCandleCsv(sharedCandleFile('bittrex_ETC-BTC_5m.csv'));
    const [a, b, c] = candles;
    const base = { exchange: 'bittrex', quote: 'BTC' } as const;
    const first: ScannerCandle[] = [
      { ...base, symbol: 'ETC/BTC', timeframe: '15m', candle: a as (typeof candles)[number] },
      // The optional inputs: a feed clock, a live spread, and modulators.
      {
        ...base,
        symbol: 'ETC/BTC',
        timeframe: '1h',
        candle: b as (typeof candles)[number],
        feedNow: 1_516_000_000_000,
        spreadBps: 3.25,
        modulators: { fundingBps: 1.5, orderImbalance: -0.2 },
      },
      // An invalid spread must reach the scanner as given (it refuses it), not as "absent".
      {
        ...base,
        symbol: 'LTC/BTC',
        timeframe: '15m',
        candle: c as (typeof candles)[number],
        spreadBps: Number.NaN,
      },
    ];
    const packer = new CandlePacker();
    const unpacker = new CandleUnpacker();
    const packed = packer.pack(first);
    expect(packed.newSeries).toHaveLength(3);
    expect(unpacker.unpack(packed)).toEqual(first);

    // Known series are sent by number only.
    const second = first
      .slice(0, 1)
      .map((x) => ({ ...x, candle: candles[3] as (typeof candles)[number] }));
    const again = packer.pack(second);
    expect(again.newSeries).toEqual([]);
    expect(unpacker.unpack(again)).toEqual(second);
  });

  it('refuses a batch that names a series the receiver never learned', async () => {
    const { candles } = await loadCandleCsv(sharedCandleFile('bittrex_ETC-BTC_5m.csv'));
    const packer = new CandlePacker();
    const one: ScannerCandle = {
      exchange: 'bittrex',
      symbol: 'ETC/BTC',
      quote: 'BTC',
      timeframe: '15m',
      candle: candles[0] as (typeof candles)[number],
    };
    packer.pack([one]); // learned by a receiver that is not this one
    expect(() => new CandleUnpacker().unpack(packer.pack([one]))).toThrow(
      'packed candles: candle 0 names an unknown series',
    );
  });
});
