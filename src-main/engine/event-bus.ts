import type { EventEnvelope, EventName, EventPayload } from '../../src-shared/contract/events';
import { presetEventFrame } from './event-frames';

export type EventListener = (event: EventEnvelope) => void;

/**
 * Fan-out of contract events to every transport. A listener that throws is reported and
 * dropped from that delivery only; it can never stop the publisher (the kill path publishes
 * through here).
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  /**
   * `payloadJson`, when the publisher already has it, is the payload as UTF-8 JSON (exactly
   * the bytes of JSON.stringify(payload)): the WebSocket transport sends it as it is.
   */
  publish<E extends EventName>(kind: E, payload: EventPayload<E>, payloadJson?: Uint8Array): void {
    const event = { kind, payload } as EventEnvelope;
    if (payloadJson !== undefined) presetEventFrame(event, payloadJson);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
