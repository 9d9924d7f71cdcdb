import type { EventEnvelope } from '../../src-shared/contract/events';

/**
 * Each published event's WebSocket text frame as UTF-8 bytes, made once however many
 * connections receive it (a string handed to ws is encoded again for every socket). Keyed by
 * the envelope the bus hands every listener, so a frame lives as long as its event.
 */
const frames = new WeakMap<EventEnvelope, Buffer>();

/** The `{"type":"event",...}` frame of an event, serialized on first use only. */
export function eventFrame(event: EventEnvelope): Buffer {
  let bytes = frames.get(event);
  if (bytes === undefined) {
    bytes = Buffer.from(
      JSON.stringify({ type: 'event', kind: event.kind, payload: event.payload }),
    );
    frames.set(event, bytes);
  }
  return bytes;
}

/**
 * Records an event's frame from its payload's UTF-8 JSON, made where the payload was (the
 * scanner worker writes the board rows'). The bytes must be exactly those of
 * JSON.stringify(payload): the frame is then byte for byte the one eventFrame would make.
 */
export function presetEventFrame(event: EventEnvelope, payloadJson: Uint8Array): void {
  const head = Buffer.from(`{"type":"event","kind":${JSON.stringify(event.kind)},"payload":`);
  frames.set(event, Buffer.concat([head, payloadJson, CLOSE]));
}

const CLOSE = Buffer.from('}');
