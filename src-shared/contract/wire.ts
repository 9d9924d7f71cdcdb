import { z } from 'zod';
import { CONTRACT_ERROR_CODES, type ContractError } from './contract-error';
import type { WsServerFrame } from './server-frame';

/** Electron IPC channel names; the only two channels the preload bridge uses. */
export const IPC_INVOKE_CHANNEL = 'vigil:invoke';
export const IPC_EVENT_CHANNEL = 'vigil:event';

/** Largest command message accepted by any transport, in bytes of UTF-8. */
export const MAX_COMMAND_BYTES = 1024 * 1024;

export const ContractErrorCodeSchema = z.enum(CONTRACT_ERROR_CODES);

export const ContractErrorSchema = z.object({
  code: ContractErrorCodeSchema,
  message: z.string(),
  /** Field-level problems for INVALID_INPUT: path into the input and what is wrong there. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
// The hand-written types (contract-error.ts) and the schemas say the same thing.
ContractErrorSchema satisfies z.ZodType<ContractError>;

/** The outcome of one command, as every transport returns it. Never a thrown exception. */
export type CommandResult<T> = { ok: true; output: T } | { ok: false; error: ContractError };

/** WebSocket frames. Requests carry an id chosen by the client so replies can be matched. */
export const WsRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  command: z.string(),
  input: z.unknown(),
});
export type WsRequest = z.infer<typeof WsRequestSchema>;

export const WsServerFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('reply'),
    id: z.number().int().nullable(),
    result: z.union([
      z.object({ ok: z.literal(true), output: z.unknown() }),
      z.object({ ok: z.literal(false), error: ContractErrorSchema }),
    ]),
  }),
  z.object({ type: z.literal('event'), kind: z.string(), payload: z.unknown() }),
]);
WsServerFrameSchema satisfies z.ZodType<WsServerFrame>;

export { ContractCallError, type ContractError, type ContractErrorCode } from './contract-error';
export type { WsServerFrame } from './server-frame';
