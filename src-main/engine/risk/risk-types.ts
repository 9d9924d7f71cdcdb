import type { ControlMode } from '../../../src-shared/domain/modes';
import type { RiskConfig } from '../../../src-shared/domain/risk-config';

export type Side = 'buy' | 'sell';

/** Who asked for an order. In HALTED only 'kill' orders and reduce-only closes pass. */
export type OrderSource = 'ui' | 'cli' | 'autopilot' | 'protective' | 'kill';

/**
 * What the gate judges: one order, valued at `price` (the limit price, or the current mark for
 * a market order — never an estimate the caller made up).
 */
export interface OrderCandidate {
  readonly symbol: string;
  readonly side: Side;
  readonly qty: number;
  readonly price: number;
  /** Protective stop of an entry; risk-to-stop is |price - stopPrice| x qty. */
  readonly stopPrice?: number;
  readonly reduceOnly: boolean;
  readonly source: OrderSource;
}

/**
 * Exposure already on the book: an open position, or a working entry order that would become
 * one. Signed quantity: long > 0, short < 0. `mark` is the current mark price.
 */
export interface Exposure {
  readonly symbol: string;
  readonly qty: number;
  readonly mark: number;
  readonly stopPrice?: number;
}

/** Everything a rule may look at, valued at mark prices at `now`. */
export interface RiskContext {
  readonly now: number;
  readonly mode: ControlMode;
  readonly config: RiskConfig;
  /** Equity at mark (cash + unrealized PnL). */
  readonly equity: number;
  /** Equity at the start of the current calendar day in config.timeZone. */
  readonly startOfDayEquity: number;
  /** Highest equity seen (drawdown reference). */
  readonly peakEquity: number;
  readonly positions: readonly Exposure[];
  /** Working (unfilled) entry orders, counted as if filled so approvals cannot stack. */
  readonly workingEntries: readonly Exposure[];
  /** When the last losing trade closed, if any. */
  readonly lastLossAt: number | null;
}

export type RuleVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly rule: string;
      readonly reason: string;
      /** The numbers behind the decision, for the UI and the audit chain. */
      readonly numbers: Readonly<Record<string, number>>;
    };

export const APPROVE: RuleVerdict = Object.freeze({ ok: true });

/**
 * One small check. `entriesOnly` rules are skipped for orders that only reduce exposure:
 * closing risk must never be blocked by a limit on opening it.
 */
export interface RiskRule {
  readonly name: string;
  readonly entriesOnly: boolean;
  check(order: OrderCandidate, ctx: RiskContext, reducing: boolean): RuleVerdict;
}

export function reject(rule: string, reason: string, numbers: Record<string, number>): RuleVerdict {
  return { ok: false, rule, reason, numbers };
}
