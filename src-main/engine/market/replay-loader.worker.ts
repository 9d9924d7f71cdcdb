// Worker-thread entry of the replay loader: parses and validates every candle file, derives the
// higher timeframes (exact decimal volume sums) and merges the timeline here, so the main event
// loop, which carries the kill switch, never runs that work. The result goes back on
// SharedArrayBuffers: the main thread receives it without a copy.
import { parentPort } from 'node:worker_threads';
import type { ReplayLoadMessage, ReplayLoadRequest } from './replay-loader-protocol';
import { readReplayFolder } from './replay-folder';

if (parentPort === null) throw new Error('replay-loader.worker must run in a worker thread');
const port = parentPort;
const say = (message: ReplayLoadMessage): void => port.postMessage(message);

port.once('message', (request: ReplayLoadRequest) => {
  readReplayFolder(request.dir, request.derive, say).then(
    (folder) => say({ type: 'done', ...folder }),
    (error: unknown) =>
      say({ type: 'failed', error: error instanceof Error ? error.message : String(error) }),
  );
});
