import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../src-shared/contract/events';
import type { SignalRow } from '../../../src-shared/contract/scanner';
import { EventBus } from '../../../src-main/engine/event-bus';
import { eventFrame } from '../../../src-main/engine/event-frames';

function capture(bus: EventBus): EventEnvelope[] {
  const seen: EventEnvelope[] = [];
  bus.subscribe((e) => seen.push(e));
  return seen;
}

describe('event frames', () => {
  it('serializes an event once, whatever the number of connections it goes to', () => {
    const bus = new EventBus((e) => {
      throw e;
    });
    const seen = capture(bus);
    const row: SignalRow = {
      exchange: 'binance',
      symbol: 'BTC/USDT',
      timeframe: '4h',
      at: 1_700_000_000_000,
      tier: 'WATCH',
      tierSince: 1_700_000_000_000,
      tierSinceKnown: true,
      direction: 'long',
      score: 41.5,
      probability: 0.55,
      calibrated: false,
      evBps: 4.2,
      reason: 'WATCH "holds"',
    };
    bus.publish('boardUpdated', { rows: [row] });
    const event = seen[0] as EventEnvelope;
    const first = eventFrame(event).toString();
    expect(first).toBe(JSON.stringify({ type: 'event', kind: event.kind, payload: event.payload }));
    // A second connection gets the text made for the first: the payload changing in between
    // (it never does; here it shows which text is sent) leaves the frame as it was made.
    row.reason = 'changed';
    expect(eventFrame(event).toString()).toBe(first);
  });

  it("sends a publisher's own JSON text of the payload as the frame's payload", () => {
    const bus = new EventBus((e) => {
      throw e;
    });
    const seen = capture(bus);
    const rows: SignalRow[] = [];
    // A text that differs from the payload's serialization shows which one the frame carries.
    bus.publish('boardUpdated', { rows }, Buffer.from('{"rows":[],"by":"worker"}'));
    expect(eventFrame(seen[0] as EventEnvelope).toString()).toBe(
      '{"type":"event","kind":"boardUpdated","payload":{"rows":[],"by":"worker"}}',
    );
    bus.publish('boardUpdated', { rows });
    expect(eventFrame(seen[1] as EventEnvelope).toString()).toBe(
      '{"type":"event","kind":"boardUpdated","payload":{"rows":[]}}',
    );
  });
});
