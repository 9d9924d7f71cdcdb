import type { z } from 'zod';
import { connectionEvents } from './connections';
import { executionEvents } from './execution';
import { riskEvents } from './risk';
import { scannerEvents } from './scanner';
import { marketEvents } from './market';
import { reportsEvents } from './reports';
import { systemEvents } from './system';
import { powerEvents } from './power';
import { alertEvents } from './alerts';
import { tradingEvents } from './trading';
import { desktopEvents } from './desktop';
import { journalEvents } from './journal';
import { planEvents } from './plans';
import { backtestEvents } from './backtest';
import { calibrationEvents } from './calibration';

/** Every main -> renderer event, declared once. Events are facts: immutable, past tense. */
export const events = {
  ...systemEvents,
  ...executionEvents,
  ...riskEvents,
  ...scannerEvents,
  ...marketEvents,
  ...reportsEvents,
  ...connectionEvents,
  ...powerEvents,
  ...alertEvents,
  ...tradingEvents,
  ...desktopEvents,
  ...journalEvents,
  ...planEvents,
  ...backtestEvents,
  ...calibrationEvents,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** An event as it travels: discriminated by `kind`. */
export type EventEnvelope = { [E in EventName]: { kind: E; payload: EventPayload<E> } }[EventName];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
