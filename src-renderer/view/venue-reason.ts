/**
 * Venue errors arrive in the exchange's own shape ('paper {"code":-1013,"msg":"Filter failure:
 * NOTIONAL"}'). Show the message first and keep the code, so nothing is lost but it reads.
 */
export function readableReason(reason: string): string {
  const brace = reason.indexOf('{');
  if (brace === -1) return reason;
  try {
    const parsed: unknown = JSON.parse(reason.slice(brace));
    if (typeof parsed === 'object' && parsed !== null && 'msg' in parsed) {
      const { msg, code } = parsed as { msg: unknown; code?: unknown };
      const venue = reason.slice(0, brace).trim();
      return `${String(msg)} (${venue === '' ? 'venue' : venue} code ${String(code ?? '?')})`;
    }
  } catch {
    // Not JSON after all: show it as it came.
  }
  return reason;
}
