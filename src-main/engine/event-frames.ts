import type { EventEnvelope } from '../../src-shared/contract/events';

/**
 * Each published event's WebSocket text frame as UTF-8 bytes, made once however many
 * connections receive it (a string handed to ws is encoded again for every socket). Keyed by
 * the envelope the bus hands every listener, so a frame lives as long as its event.
 */
const frames = new WeakMap<EventEnvelope, Buffer>();
/** Payloads whose UTF-8 JSON the publisher made itself (the scanner worker, for board rows). */
const payloads = new WeakMap<EventEnvelope, Uint8Array>();

/** The `{"type":"event",...}` frame of an event, serialized on first use only. */
export function eventFrame(event: EventEnvelope): Buffer {
  let bytes = frames.get(event);
  if (bytes === undefined) {
    const payload = payloads.get(event);
    bytes =
      payload === undefined
        ? Buffer.from(JSON.stringify({ type: 'event', kind: event.kind, payload: event.payload }))
        : Buffer.concat([
            Buffer.from(`{"type":"event","kind":${JSON.stringify(event.kind)},"payload":`),
            payload,
            CLOSE,
          ]);
    frames.set(event, bytes);
  }
  return bytes;
}

const CLOSE = Buffer.from('}');

/**
 * Records an event's payload as UTF-8 JSON, made where the payload was (the scanner worker
 * writes the board rows'). The bytes must be exactly those of JSON.stringify(payload): the
 * frame is then byte for byte the one eventFrame would make of the payload itself.
 */
export function presetEventFrame(event: EventEnvelope, payloadJson: Uint8Array): void {
  payloads.set(event, payloadJson);
}

/** The payload's UTF-8 JSON when its publisher made it (for the window's IPC), else undefined. */
export function presetPayloadJson(event: EventEnvelope): Uint8Array | undefined {
  return payloads.get(event);
}
