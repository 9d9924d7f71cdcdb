import type { KillState, UnknownOrderOutcome } from '../../src-shared/contract/risk';
import type { OrderView } from '../../src-shared/domain/order';

/** The kill switch's own closing orders carry this actor; they are the kill at work. */
const KILL_ACTOR = 'system:kill';

/** A working order the running kill is asking its venue for, after its placement answer was lost. */
export interface ChasedOrder {
  readonly order: OrderView;
  readonly outcome: UnknownOrderOutcome;
}

/** The book's working orders while HALTED, by what the kill panel must say of them. */
export interface CrossCheckGroups {
  /** Being chased by the running kill: the venue cannot list them until it takes them in. */
  readonly chased: readonly ChasedOrder[];
  /** The kill's own closing orders (the flatten at work). */
  readonly closing: number;
  /** The trader's reduce-only orders (closes and protective stops are allowed while HALTED). */
  readonly reducing: number;
  /** Anything else: the sweep is still at it while the kill runs, missed it once it is done. */
  readonly others: number;
  /** Whether the kill is still running (it has not said its last word). */
  readonly sweeping: boolean;
}

/**
 * Sorts the working orders by the kill's latest state (pushed at every pass): an order the kill
 * still chases by client id is neither missed by the sweep nor a leftover, so it is said as
 * chased, with its grace.
 */
export function crossCheckGroups(
  working: readonly OrderView[],
  kill: KillState | null,
  /** False while a kill has just started and its state has not arrived: it is sweeping. */
  killFresh = true,
): CrossCheckGroups {
  const sweeping = !killFresh || (kill !== null && kill.phase !== 'done');
  const unresolved = new Map(
    (killFresh && sweeping ? (kill?.unknownOutcomes ?? []) : [])
      .filter((o) => o.outcome === 'unresolved')
      .map((o) => [o.clientOrderId, o]),
  );
  const chased: ChasedOrder[] = [];
  let closing = 0;
  let reducing = 0;
  let others = 0;
  for (const order of working) {
    const outcome = unresolved.get(order.clientOrderId);
    if (outcome !== undefined) chased.push({ order, outcome });
    else if (order.placedBy === KILL_ACTOR) closing += 1;
    else if (order.reduceOnly && order.placedBy?.startsWith('user:') === true) reducing += 1;
    else others += 1;
  }
  return { chased, closing, reducing, others, sweeping };
}

function graceWords(outcome: UnknownOrderOutcome): string {
  const left = outcome.graceLeftMs;
  if (left === undefined) return '';
  if (left === 0) return `; its grace has ended, asking until ${outcome.venue} answers`;
  return `; its grace ends in ${Math.ceil(left / 1000)} s`;
}

/** "1 order whose placement answer was lost is being chased by the kill: binance buy …". */
export function chasedWords(chased: readonly ChasedOrder[]): string {
  const head =
    chased.length === 1
      ? '1 order whose placement answer was lost is being chased by the kill: '
      : `${chased.length} orders whose placement answers were lost are being chased by the kill: `;
  const each = chased.map(({ order: o, outcome }) => {
    const price = o.price === null ? '' : ` at ${o.price}`;
    return (
      `${outcome.venue} ${o.side} ${o.qty} ${o.symbol} ${o.type}${price} (client id ${o.clientOrderId}), ` +
      `asked for by its client id at every pass${graceWords(outcome)}`
    );
  });
  return `${head}${each.join('; ')}.`;
}
