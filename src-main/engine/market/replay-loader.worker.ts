// Worker-thread entry of the replay loader: parses and validates every candle file, derives the
// higher timeframes (exact decimal volume sums) and merges the timeline here, so the main event
// loop, which carries the kill switch, never runs that work. The result goes back on
// SharedArrayBuffers: the main thread receives it without a copy.
import { parentPort } from 'node:worker_threads';
import { loadCandleCsv, type LoadedCandles } from './csv-loader';
import { candleFilesAt } from './data-check';
import type { LoadedFile, ReplayLoadMessage, ReplayLoadRequest } from './replay-loader-protocol';
import { buildTimeline } from './replay-timeline';

if (parentPort === null) throw new Error('replay-loader.worker must run in a worker thread');
const port = parentPort;
const say = (message: ReplayLoadMessage): void => port.postMessage(message);

port.once('message', (request: ReplayLoadRequest) => {
  load(request).catch((error: unknown) =>
    say({ type: 'failed', error: error instanceof Error ? error.message : String(error) }),
  );
});

async function load(request: ReplayLoadRequest): Promise<void> {
  const paths = candleFilesAt(request.dir);
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
  const timeline = buildTimeline(loaded, request.derive);
  const files: LoadedFile[] = loaded.map((l) => ({
    file: l.file,
    exchange: l.exchange,
    symbol: l.symbol,
    timeframe: l.timeframe,
    rows: l.candles.length,
    gaps: l.gaps.length,
  }));
  say({ type: 'done', timeline, files, refused });
}
