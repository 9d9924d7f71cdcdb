import type { KillState, UnknownOrderOutcome } from '../../../src-shared/contract/risk';
import type { SweepReport } from './kill-sweep';
import { outcomeWords } from './unknown-outcomes';

/** The kill's words on one venue's pass, for its progress (the panel, `vigil kill`). */
export function sweepMessage(r: SweepReport, flatten: boolean): string {
  return (
    `${r.venue}: cancelled ${r.cancelled}` +
    (r.cancelFailed > 0 ? ` (${r.cancelFailed} failed)` : '') +
    (flatten ? `, closing orders ${r.closeSent}` : '') +
    (r.inFlight > 0
      ? `; ${r.inFlight} order(s) were still on their way: cancelling them next`
      : '') +
    `; venue shows ${r.openOrders ?? '?'} open orders, ${r.positions ?? '?'} positions` +
    outcomeWords(r.unknownOutcomes) +
    (r.lostMeanwhile > 0
      ? `; ${r.lostMeanwhile} order(s) lost their placement answer during this pass: asking for them next`
      : '') +
    (r.errors.length > 0 ? `; ${r.errors.join('; ')}` : '')
  );
}

/** Why the kill goes round again, and when. */
export function retryMessage(
  attempt: number,
  unresolved: readonly UnknownOrderOutcome[],
  waitMs: number,
): string {
  // The retry's words are what the panel shows between passes: each order still chased is
  // said here too (with the grace it has left), not only in the pass's own step.
  return `venues not clean after attempt ${attempt}; retrying in ${waitMs} ms${outcomeWords(unresolved)}`;
}

/** The kill's last word: what the venues show, and each order it chased after a lost answer. */
export function completionMessage(done: KillState, openOrders: number, positions: number): string {
  return (
    `kill complete after ${done.attempts} attempt(s): ${openOrders} open orders, ${positions} positions` +
    outcomeWords(done.unknownOutcomes ?? []) +
    '; HALTED until rearm'
  );
}
