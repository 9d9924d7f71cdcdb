import { ruleLabel } from '../../src-shared/domain/actor-words';
import { withoutFloatNoise } from './trader-words';

/**
 * Why an order was refused or ended, in words. Venue errors arrive in the exchange's own shape
 * ('paper {"code":-1013,"msg":"Filter failure: NOTIONAL"}'): the message comes first and the
 * code is kept. Gate refusals ('gate: risk-per-trade: ...') name the limit as the risk panel
 * does.
 */
export function readableReason(reason: string): string {
  const gate = /^gate: ([a-z-]+): (.*)$/s.exec(reason);
  if (gate !== null) return `${ruleLabel(gate[1] ?? '')}: ${withoutFloatNoise(gate[2] ?? '')}`;
  if (reason.startsWith('gate: ')) return `Risk gate: ${withoutFloatNoise(reason.slice(6))}`;
  const brace = reason.indexOf('{');
  if (brace === -1) return withoutFloatNoise(reason);
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
