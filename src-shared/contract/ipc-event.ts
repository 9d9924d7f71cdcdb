import type { EventEnvelope, EventName } from './events';

/**
 * What the window's event channel carries: an envelope, or one whose payload travels as the
 * UTF-8 JSON its publisher already made (the board rows of a bar close: Electron clones a
 * byte array as one copy, where 1,800 row objects cost the main process milliseconds).
 */
export type IpcEventMessage =
  EventEnvelope | { readonly kind: EventName; readonly payloadJson: Uint8Array };

const UTF8 = new TextDecoder();

/** The envelope again, on the receiving side (the preload). */
export function envelopeOf(message: IpcEventMessage): EventEnvelope {
  if (!('payloadJson' in message)) return message;
  return {
    kind: message.kind,
    payload: JSON.parse(UTF8.decode(message.payloadJson)) as unknown,
  } as EventEnvelope;
}
