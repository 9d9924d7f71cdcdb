import type { Timeframe } from '../../../src-shared/domain/candle';
import { runOneShotWorker } from '../one-shot-worker';
import { siblingWorkerEntry, type WorkerEntry } from '../worker-entry';
import type { LoadedFile, ReplayLoadMessage, ReplayLoadRequest } from './replay-loader-protocol';
import { readReplayFolder, type ReplayFolderProgress } from './replay-folder';
import type { Timeline } from './replay-timeline';

export function defaultReplayLoaderEntry(here: string = import.meta.url): WorkerEntry {
  return siblingWorkerEntry(here, 'replay-loader.worker.ts', 'replay-loader-worker');
}

export interface LoadedReplay {
  readonly timeline: Timeline;
  readonly files: readonly LoadedFile[];
  readonly refused: readonly string[];
}

/** Progress of a load, for the feed's status line (and tests that act at a given phase). */
export type ReplayLoadPhase =
  | { readonly kind: 'file'; readonly index: number; readonly total: number; readonly file: string }
  | { readonly kind: 'building'; readonly files: number; readonly candles: number };

/**
 * Loads a replay folder in a worker thread: parse, validate, aggregate and merge all happen
 * there, and the timeline comes back on shared memory. The main thread only waits, so a kill
 * (or any command) sent during a large load is answered at once. The worker ends after one load.
 */
export function loadReplayOffThread(
  dir: string,
  derive: readonly Timeframe[],
  onPhase: (phase: ReplayLoadPhase) => void = () => {},
  entry: WorkerEntry = defaultReplayLoaderEntry(),
): Promise<LoadedReplay> {
  const request: ReplayLoadRequest = { type: 'load', dir, derive };
  return runOneShotWorker<ReplayLoadMessage, LoadedReplay>(
    entry,
    { request },
    (message, settle) => {
      if (message.type === 'file' || message.type === 'building') onPhase(phaseOf(message));
      else if (message.type === 'done')
        settle.resolve({
          timeline: message.timeline,
          files: message.files,
          refused: message.refused,
        });
      else settle.reject(new Error(`replay loader: ${message.error}`));
    },
    'replay loader',
  );
}

/**
 * The same load on the calling thread, for an engine that already runs off the host's loop (a
 * backtest's, in its own worker thread): no second thread to start for it. Fails as the worker
 * does, with the loader's message.
 */
export async function loadReplayHere(
  dir: string,
  derive: readonly Timeframe[],
  onPhase: (phase: ReplayLoadPhase) => void = () => {},
): Promise<LoadedReplay> {
  try {
    return await readReplayFolder(dir, derive, (progress) => onPhase(phaseOf(progress)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`replay loader: ${message}`, { cause: error });
  }
}

function phaseOf(progress: ReplayFolderProgress): ReplayLoadPhase {
  return progress.type === 'file'
    ? { kind: 'file', index: progress.index, total: progress.total, file: progress.file }
    : { kind: 'building', files: progress.files, candles: progress.candles };
}
