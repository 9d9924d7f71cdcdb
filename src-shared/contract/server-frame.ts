import { CONTRACT_ERROR_CODES, type ContractError } from './contract-error';

/** A frame the engine sends over the WebSocket: a command's reply, or an event. */
export type WsServerFrame =
  | {
      type: 'reply';
      id: number | null;
      result: { ok: true; output: unknown } | { ok: false; error: ContractError };
    }
  | { type: 'event'; kind: string; payload: unknown };

const CODES: ReadonlySet<string> = new Set(CONTRACT_ERROR_CODES);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function contractError(v: unknown): ContractError | null {
  if (!isRecord(v) || typeof v.code !== 'string' || !CODES.has(v.code)) return null;
  if (typeof v.message !== 'string') return null;
  const code = v.code as ContractError['code'];
  if (v.issues === undefined) return { code, message: v.message };
  if (!Array.isArray(v.issues)) return null;
  const issues: Array<{ path: string; message: string }> = [];
  for (const issue of v.issues as unknown[]) {
    if (!isRecord(issue) || typeof issue.path !== 'string' || typeof issue.message !== 'string')
      return null;
    issues.push({ path: issue.path, message: issue.message });
  }
  return { code, message: v.message, issues };
}

/**
 * A server frame as WsServerFrameSchema reads it (same acceptance, same stripped result; a
 * test holds the two together), or null for anything outside the contract. Without zod: the
 * CLI's host client reads frames with it, and `vigil kill` must start fast.
 */
export function readServerFrame(raw: unknown): WsServerFrame | null {
  if (!isRecord(raw)) return null;
  if (raw.type === 'event') {
    // The schema's z.unknown() fields must be present (undefined is not JSON anyway).
    if (typeof raw.kind !== 'string' || !('payload' in raw)) return null;
    return { type: 'event', kind: raw.kind, payload: raw.payload };
  }
  if (raw.type !== 'reply') return null;
  const id = raw.id;
  if (id !== null && !(typeof id === 'number' && Number.isSafeInteger(id))) return null;
  const result = raw.result;
  if (!isRecord(result)) return null;
  if (result.ok === true && 'output' in result)
    return { type: 'reply', id, result: { ok: true, output: result.output } };
  if (result.ok !== false) return null;

  const error = contractError(result.error);
  return error === null ? null : { type: 'reply', id, result: { ok: false, error } };
}
