import { z } from 'zod';
import { EngineStatusSchema } from './status';

/** Engine-level commands and events. Each feature area declares its own in a file like this. */
export const systemCommands = {
  ping: {
    input: z.object({}).strict(),
    output: z.object({ pong: z.literal(true), at: z.number().int() }),
  },
  getStatus: {
    input: z.object({}).strict(),
    output: EngineStatusSchema,
  },
} as const;

export const systemEvents = {
  statusChanged: EngineStatusSchema,
} as const;
