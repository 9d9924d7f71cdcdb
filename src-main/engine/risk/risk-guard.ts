import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { ControlModes } from '../control/control-modes';
import type { EventBus } from '../event-bus';
import { EquityMonitor, type EquityAlarm, type EquityMarks } from './equity-monitor';
import type { RiskConfigStore } from './risk-config-store';
import type { RiskUsage } from '../../../src-shared/contract/risk';
import { portfolioHeat, positionQty } from './exposure';
import type { RuleReport } from '../../../src-shared/contract/plans';
import { checkOrder, evaluateOrder } from './risk-gate';
import { drawdownPct } from './rules/max-drawdown-rule';
import type { Exposure, OrderCandidate, RiskContext, RuleVerdict } from './risk-types';

/** The book as the executor sees it now, valued at current mark prices. */
export interface BookSnapshot {
  readonly equity: number;
  readonly positions: readonly Exposure[];
  readonly workingEntries: readonly Exposure[];
  readonly lastLossAt: number | null;
  /**
   * The time the book is valued at: market time, the clock its fills carry (virtual in a
   * replay), so the cooldown after a loss counts on the same clock as the loss. Absent: now.
   */
  readonly at?: number;
}

export interface RiskGuardDeps {
  readonly control: ControlModes;
  readonly config: RiskConfigStore;
  readonly audit: AuditLog;
  readonly events: EventBus;
  readonly clock: Clock;
  /**
   * Market time (virtual in a replay or backtest): the calendar day of the daily loss limit
   * is the day the equity was marked in, as fills and the loss cooldown count. Absent: clock.
   */
  readonly marketClock?: Clock;
  readonly marks: EquityMarks | null;
  readonly saveMarks: (marks: EquityMarks) => void;
  /** Halts through the kill switch (daily loss, hard drawdown). */
  readonly halt: (actor: string, reason: string) => void;
}

/**
 * The one door every order goes through (UI, CLI, autopilot; the kill switch's own closing
 * orders are marked source 'kill'). Synchronous: reads the control mode from memory, runs the
 * gate, and records a rejection with its rule and numbers in the audit chain and to the UI.
 */
export class RiskGuard {
  private readonly monitor: EquityMonitor;

  constructor(private readonly deps: RiskGuardDeps) {
    this.monitor = new EquityMonitor(deps.marks, deps.saveMarks);
  }

  /** What every rule would say about the order now; records nothing (a plan's preview). */
  evaluate(order: OrderCandidate, book: BookSnapshot): RuleReport[] {
    return evaluateOrder(order, this.context(book));
  }

  private context(book: BookSnapshot): RiskContext {
    const marks = this.monitor.current;
    return {
      now: book.at ?? this.deps.clock.now(),
      mode: this.deps.control.mode,
      config: this.deps.config.current,
      equity: book.equity,
      // Before the first equity observation the day starts now, at today's equity.
      startOfDayEquity: marks?.startOfDayEquity ?? book.equity,
      peakEquity: Math.max(marks?.peakEquity ?? book.equity, book.equity),
      positions: book.positions,
      workingEntries: book.workingEntries,
      lastLossAt: book.lastLossAt,
    };
  }

  check(order: OrderCandidate, book: BookSnapshot): RuleVerdict {
    const verdict = checkOrder(order, this.context(book));
    if (verdict.ok && this.deps.control.mode === 'HALTED' && order.source !== 'kill') {
      // A reducing order let through while HALTED is recorded on its own: the latch held,
      // and this is why this one order still went out.
      this.deps.audit.append({
        kind: 'risk.approved_while_halted',
        actor: `risk:${order.source}`,
        payload: {
          symbol: order.symbol,
          side: order.side,
          qty: order.qty,
          price: order.price,
          source: order.source,
          position: positionQty(book.positions, order.symbol),
        },
      });
    }
    if (!verdict.ok) {
      const rejected = {
        symbol: order.symbol,
        side: order.side,
        qty: order.qty,
        price: order.price,
        source: order.source,
        rule: verdict.rule,
        reason: verdict.reason,
        numbers: { ...verdict.numbers },
      };
      this.deps.audit.append({
        kind: 'risk.rejected',
        actor: `risk:${verdict.rule}`,
        payload: rejected,
      });
      this.deps.events.publish('riskRejected', rejected);
    }
    return verdict;
  }

  /** How much of each equity and exposure limit the book uses now (the risk gauges). */
  usage(book: BookSnapshot): RiskUsage {
    const marks = this.monitor.current;
    const startOfDayEquity = marks?.startOfDayEquity ?? book.equity;
    const peakEquity = Math.max(marks?.peakEquity ?? book.equity, book.equity);
    const heat = portfolioHeat({ positions: book.positions, workingEntries: book.workingEntries });
    return {
      equity: book.equity,
      startOfDayEquity,
      dailyLossPct: Math.max(0, ((startOfDayEquity - book.equity) / startOfDayEquity) * 100),
      peakEquity,
      drawdownPct: drawdownPct(book.equity, peakEquity),
      heatPct: book.equity > 0 ? (heat / book.equity) * 100 : 0,
      openPositions: new Set(book.positions.filter((p) => p.qty !== 0).map((p) => p.symbol)).size,
      dayStartKnown: marks !== null,
    };
  }

  /**
   * Feeds equity at mark (on every mark-to-market). Daily loss and hard drawdown halt; the soft
   * drawdown moves RUNNING/PAUSED to REDUCING. Returns the alarm, if any.
   */
  observeEquity(equity: number): EquityAlarm | null {
    const at = (this.deps.marketClock ?? this.deps.clock).now();
    const alarm = this.monitor.observe(equity, at, this.deps.config.current);
    if (alarm === null) return null;
    const mode = this.deps.control.mode;
    if (alarm.kind === 'soft-drawdown') {
      // While RESUMING, the mode it returns to is the one that moves to REDUCING.
      const settled = mode === 'RESUMING' ? this.deps.control.current.resumeTo : mode;
      if (settled === 'RUNNING' || settled === 'PAUSED')
        this.deps.control.set('REDUCING', 'risk:soft-drawdown', alarm.reason);
    } else if (mode !== 'HALTED') {
      this.deps.halt(`risk:${alarm.kind}`, alarm.reason);
    }
    return alarm;
  }
}
