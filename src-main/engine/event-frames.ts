import type { EventEnvelope } from '../../src-shared/contract/events';

/**
 * Each published event's WebSocket text frame, made once however many connections receive it.
 * Keyed by the envelope the bus hands every listener, so a frame lives as long as its event.
 */
const frames = new WeakMap<EventEnvelope, string>();

/** The `{"type":"event",...}` text frame of an event, serialized on first use only. */
export function eventFrame(event: EventEnvelope): string {
  let text = frames.get(event);
  if (text === undefined) {
    text = JSON.stringify({ type: 'event', kind: event.kind, payload: event.payload });
    frames.set(event, text);
  }
  return text;
}

/**
 * Records an event's frame from its payload's JSON text, made where the payload was (the
 * scanner worker writes the board rows'). The text must be exactly JSON.stringify(payload):
 * the frame is then byte for byte the one eventFrame would make.
 */
export function presetEventFrame(event: EventEnvelope, payloadJson: string): void {
  frames.set(
    event,
    `{"type":"event","kind":${JSON.stringify(event.kind)},"payload":${payloadJson}}`,
  );
}
