import WebSocket from 'ws';
import { WsServerFrameSchema, type WsServerFrame } from '../../src-shared/contract/wire';

/** A raw contract client for tests: send frames, await the next matching frame. */
export class TestWsClient {
  private readonly frames: WsServerFrame[] = [];
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(WsServerFrameSchema.parse(JSON.parse(String(data))));
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async connect(url: string, headers: Record<string, string> = {}): Promise<TestWsClient> {
    const socket = new WebSocket(url, { headers });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new TestWsClient(socket);
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** Resolves with the first received frame that matches, waiting for new frames as needed. */
  async next(match: (frame: WsServerFrame) => boolean): Promise<WsServerFrame> {
    for (;;) {
      const index = this.frames.findIndex(match);
      if (index >= 0) return this.frames.splice(index, 1)[0] as WsServerFrame;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** The first frame already received that matches, without waiting (undefined if none). */
  taken(match: (frame: WsServerFrame) => boolean): WsServerFrame | undefined {
    const index = this.frames.findIndex(match);
    return index >= 0 ? this.frames.splice(index, 1)[0] : undefined;
  }

  async reply(id: number | null): Promise<Extract<WsServerFrame, { type: 'reply' }>> {
    const frame = await this.next((f) => f.type === 'reply' && f.id === id);
    return frame as Extract<WsServerFrame, { type: 'reply' }>;
  }

  close(): void {
    this.socket.close();
  }
}
