import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { dispatchCommand } from '../../src-shared/contract/dispatch';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type CommandResult,
} from '../../src-shared/contract/wire';
import type { IpcEventMessage } from '../../src-shared/contract/ipc-event';
import { ConnectionInterest } from '../engine/connection-interest';
import { presetPayloadJson } from '../engine/event-frames';
import type { Engine } from '../engine/engine';

/**
 * Serves the contract to our own window only: the sender must be the main frame of the
 * window we created, showing our bundled page. Everything else is answered with an error.
 */
export function attachIpcBridge(engine: Engine, window: () => WebContents | undefined): () => void {
  const interest = new ConnectionInterest();
  ipcMain.handle(
    IPC_INVOKE_CHANNEL,
    async (
      event: IpcMainInvokeEvent,
      name: unknown,
      input: unknown,
    ): Promise<CommandResult<unknown>> => {
      const ours = window();
      if (ours === undefined || event.sender !== ours || event.senderFrame !== ours.mainFrame) {
        return {
          ok: false,
          error: { code: 'BAD_MESSAGE', message: 'Sender is not the Vigil window.' },
        };
      }
      return dispatchCommand(engine.handlers, name, input, {
        origin: 'electron',
        connection: interest,
      });
    },
  );
  const unsubscribe = engine.events.subscribe((envelope) => {
    const contents = window();
    if (contents === undefined || contents.isDestroyed() || !interest.passes(envelope)) return;
    // Board rows go as the bytes the scanner worker wrote, not as objects to clone here.
    const payloadJson = presetPayloadJson(envelope);
    const message: IpcEventMessage =
      payloadJson === undefined ? envelope : { kind: envelope.kind, payloadJson };
    contents.send(IPC_EVENT_CHANNEL, message);
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    unsubscribe();
  };
}
