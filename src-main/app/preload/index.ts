import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../../src-shared/contract/wire';
import { envelopeOf, type IpcEventMessage } from '../../../src-shared/contract/ipc-event';
import type { ContractTransport } from '../../../src-shared/contract/client';

/**
 * The whole bridge: one generic invoke and one event subscription. No raw ipcRenderer reaches
 * the page; main validates every call against the contract.
 */
const bridge: ContractTransport = {
  invoke: (name, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, input),
  subscribe: (listener) => {
    const wrapped = (_event: IpcRendererEvent, message: IpcEventMessage): void =>
      listener(envelopeOf(message));
    ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('vigilBridge', bridge);
