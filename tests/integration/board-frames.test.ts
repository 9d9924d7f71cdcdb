import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src-shared/contract/events';
import { signalKey } from '../../src-main/engine/scanner/signal-row';
import { readRuntimeFile } from '../../src-main/host/runtime-file';
import { startReplayHost, type ReplayHost } from '../support/replay-host';
import { useTempDirs } from '../support/temp-dir';
import { until } from '../support/until';

// The board rows a window receives on each bar close are JSON the scanner worker wrote, not
// the main thread: through the running host (bundled replay, its WebSocket), every such frame
// must be byte for byte what serializing the engine's own event would give.

const tempDir = useTempDirs();
const hosts: ReplayHost[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const h of hosts.splice(0)) await h.stop();
});

interface Window {
  readonly texts: string[];
  readonly onMessage: (listener: () => void) => () => void;
}

async function window(dir: string): Promise<Window> {
  const { port, token } = readRuntimeFile(dir);
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`);
  sockets.push(socket);
  const texts: string[] = [];
  socket.on('message', (data) => texts.push(String(data)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    texts,
    onMessage: (listener) => {
      socket.on('message', listener);
      return () => socket.off('message', listener);
    },
  };
}

const boardFrames = (w: Window): string[] =>
  w.texts.filter((t) => t.includes('"kind":"boardUpdated"'));

describe('board rows over the WebSocket', () => {
  it('arrive on every bar close exactly as the engine published them, to every window', async () => {
    const dir = tempDir();
    const h = await startReplayHost(dir);
    hosts.push(h);
    const windows = [await window(dir), await window(dir)];
    const published: EventEnvelope[] = [];
    const off = h.engine.events.subscribe((e) => {
      if (e.kind === 'boardUpdated') published.push(e);
    });
    const feed = h.replay();
    for (let i = 0; i < 8; i += 1) {
      feed.step();
      await h.engine.pipeline?.drained();
    }
    off();
    expect(published.length).toBeGreaterThanOrEqual(8);
    const expected = published.map((e) =>
      JSON.stringify({ type: 'event', kind: e.kind, payload: e.payload }),
    );
    for (const w of windows) {
      await until(w.onMessage, () => boardFrames(w).length >= expected.length);
      expect(boardFrames(w)).toEqual(expected);
    }
    // And the board the trader lists holds the rows the last frames carried.
    const board = await h.host.client.call('listSignals', {});
    const last = published.at(-1) as Extract<EventEnvelope, { kind: 'boardUpdated' }>;
    for (const row of last.payload.rows) expect(board).toContainEqual(row);
    // One row per market: the keys the rows are filed under name their markets.
    expect(new Set(board.map(signalKey)).size).toBe(board.length);
    expect(board.length).toBe(
      new Set(
        published.flatMap((e) => (e.kind === 'boardUpdated' ? e.payload.rows.map(signalKey) : [])),
      ).size,
    );
  });
});
