import type { Timeframe } from '../../../src-shared/domain/candle';
import { loadCandleCsv, type LoadedCandles } from './csv-loader';
import { candleFilesAt } from './data-check';
import type { LoadedFile, ReplayLoadMessage } from './replay-loader-protocol';
import { buildTimeline, type Timeline } from './replay-timeline';

/** The loader's progress as it goes: each file, then the timeline being built. */
export type ReplayFolderProgress = Extract<ReplayLoadMessage, { type: 'file' | 'building' }>;

/** A loaded folder: the timeline, the files it holds, and those refused. */
export interface ReplayFolder {
  readonly timeline: Timeline;
  readonly files: readonly LoadedFile[];
  /** Files refused (validation, unreadable), each message naming the file. */
  readonly refused: readonly string[];
}

/**
 * The replay loader's work, wherever it runs (its worker thread, or a backtest's own thread):
 * parses and validates every candle file of the folder, derives the higher timeframes (exact
 * decimal volume sums) and merges the timeline. A file that fails is refused by name; the rest
 * still load.
 */
export async function readReplayFolder(
  dir: string,
  derive: readonly Timeframe[],
  say: (progress: ReplayFolderProgress) => void,
): Promise<ReplayFolder> {
  const paths = candleFilesAt(dir);
  const loaded: LoadedCandles[] = [];
  const refused: string[] = [];
  for (const [index, file] of paths.entries()) {
    say({ type: 'file', index, total: paths.length, file });
    try {
      loaded.push(await loadCandleCsv(file));
    } catch (error) {
      refused.push(error instanceof Error ? error.message : `${file}: ${String(error)}`);
    }
  }
  const candles = loaded.reduce((n, l) => n + l.candles.length, 0);
  say({ type: 'building', files: loaded.length, candles });
  const timeline = buildTimeline(loaded, derive);
  const files: LoadedFile[] = loaded.map((l) => ({
    file: l.file,
    exchange: l.exchange,
    symbol: l.symbol,
    timeframe: l.timeframe,
    rows: l.candles.length,
    gaps: l.gaps.length,
  }));
  return { timeline, files, refused };
}
