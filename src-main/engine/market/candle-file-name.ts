import { TIMEFRAMES, type Timeframe } from '../../../src-shared/domain/timeframes';

/** What a candle file name says about its content. */
export interface CandleFileName {
  readonly exchange: string;
  readonly base: string;
  readonly quote: string;
  /** Unified `BASE/QUOTE` symbol, as ccxt spells it. */
  readonly symbol: string;
  readonly timeframe: Timeframe;
}

const FILE_NAME = /^([a-z0-9]+)_([A-Z0-9]+)-([A-Z0-9]+)_([0-9]+[a-z])\.csv$/;

/**
 * Parses `<exchange>_<BASE-QUOTE>_<timeframe>.csv` (the shared data format). Returns a reason
 * string when the name does not follow it, so the caller can report where.
 */
export function parseCandleFileName(fileName: string): CandleFileName | string {
  const match = FILE_NAME.exec(fileName);
  if (match === null) {
    return `file name '${fileName}' does not match <exchange>_<BASE-QUOTE>_<timeframe>.csv`;
  }
  const [, exchange, base, quote, tf] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const timeframe = TIMEFRAMES.find((t) => t === tf);
  if (timeframe === undefined) {
    return `file name '${fileName}': unsupported timeframe '${tf}' (supported: ${TIMEFRAMES.join(', ')})`;
  }
  return { exchange, base, quote, symbol: `${base}/${quote}`, timeframe };
}
