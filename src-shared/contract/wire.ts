import { z } from 'zod';

/** Electron IPC channel names; the only two channels the preload bridge uses. */
export const IPC_INVOKE_CHANNEL = 'vigil:invoke';
export const IPC_EVENT_CHANNEL = 'vigil:event';

/** Largest command message accepted by any transport, in bytes of UTF-8. */
export const MAX_COMMAND_BYTES = 1024 * 1024;

export const ContractErrorCodeSchema = z.enum([
  'BAD_JSON',
  'BAD_MESSAGE',
  'UNKNOWN_COMMAND',
  /** The caller's input is wrong; `issues` name the fields. */
  'INVALID_INPUT',
  /** The engine's state refuses the command (e.g. resume while HALTED). */
  'REFUSED',
  /** The data folder cannot be written: no space, read-only, permission denied. */
  'STORAGE_FAILED',
  'TOO_LARGE',
  /** A Vigil bug: the handler failed in a way it did not mean to; logged with its stack. */
  'HANDLER_FAILED',
  'INVALID_OUTPUT',
  'TRANSPORT_CLOSED',
  /** The caller gave up waiting for a reply (the CLI's per-call timeout). */
  'TIMEOUT',
]);
export type ContractErrorCode = z.infer<typeof ContractErrorCodeSchema>;

export const ContractErrorSchema = z.object({
  code: ContractErrorCodeSchema,
  message: z.string(),
  /** Field-level problems for INVALID_INPUT: path into the input and what is wrong there. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ContractError = z.infer<typeof ContractErrorSchema>;

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
export type WsServerFrame = z.infer<typeof WsServerFrameSchema>;

export class ContractCallError extends Error {
  readonly code: ContractErrorCode;
  readonly issues: ContractError['issues'];

  constructor(error: ContractError) {
    super(error.message);
    this.name = 'ContractCallError';
    this.code = error.code;
    this.issues = error.issues;
  }
}
