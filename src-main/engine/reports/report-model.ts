import type { AuditAnchor } from '../audit/audit-anchor';
import type { ClosedLot } from './fifo-lots';
import type { Money } from './money';
import type { ParsedFill } from './parsed-fill';
import type { ReportPeriod } from './report-period';
import type { Book, CashFlow, ReportRate, RiskEventRecord } from './report-source';

/** A closed trade: one closing fill and the FIFO lot slices it closed. */
export interface TradeRow {
  readonly symbol: string;
  readonly direction: 'long' | 'short';
  /** First open among its lots, epoch ms. */
  readonly openedAt: number;
  readonly closedAt: number;
  readonly quantity: Money;
  /** Quantity-weighted average open price of the slices. */
  readonly entryPrice: Money;
  readonly exitPrice: Money;
  /** Net of the fees of both sides (same as the sum of the lots' gain/loss). */
  readonly pnl: Money;
  readonly fees: Money;
  readonly closeFillId: string;
  readonly lots: readonly ClosedLot[];
}

export interface SymbolRow {
  readonly symbol: string;
  readonly trades: number;
  readonly wins: number;
  readonly realizedPnl: Money;
  readonly fees: Money;
  readonly volume: Money;
  readonly unrealizedPnl: Money | null;
}

export interface DayRow {
  /** Local date YYYY-MM-DD in the report's zone. */
  readonly date: string;
  readonly startMs: number;
  readonly realizedPnl: Money;
  readonly fees: Money;
  /** Last equity sample before the day ended, or null when none exists yet. */
  readonly closingEquity: Money | null;
  /** Return of the day net of deposits/withdrawals; null when not computable. */
  readonly dailyReturn: number | null;
}

export interface Drawdown {
  /** Depth in account currency, from the peak to the trough. */
  readonly depth: Money;
  /** Depth as a fraction of the peak (0.05 = 5%). */
  readonly depthFraction: number;
  readonly peakAt: number;
  readonly troughAt: number;
  /** When equity first regained the peak; null if it has not within the period. */
  readonly recoveredAt: number | null;
  /** From peak to recovery (or to the end of the period when unrecovered), ms. */
  readonly durationMs: number;
}

export interface OpenPositionRow {
  readonly symbol: string;
  readonly direction: 'long' | 'short';
  readonly quantity: Money;
  /** Null when the source knows no mark price at the period end (shown as such). */
  readonly mark: Money | null;
  readonly unrealizedPnl: Money | null;
  /** For a pair quoted in another currency: the rate its mark was valued at (null otherwise). */
  readonly endRate: ReportRate | null;
}

export interface ReportSummary {
  readonly startEquity: Money | null;
  readonly endEquity: Money | null;
  readonly deposits: Money;
  readonly withdrawals: Money;
  /** Net of all fees of the closed lots (both sides): the tax gain/loss. */
  readonly realizedPnl: Money;
  /**
   * Before fees: sum of (exit - entry) x quantity over closed lots — the ledger's realized PnL.
   * endEquity - startEquity = realizedGross + change in unrealized - fees + deposits - withdrawals.
   */
  readonly realizedGross: Money;
  /** Fees of the closed lots (buy and sell side), so realizedGross - closedLotFees = realizedPnl. */
  readonly closedLotFees: Money;
  /** Every fee paid by fills in the period, valued in the account currency. */
  readonly fees: Money;
  /**
   * Open positions at the period end valued at mark, before fees (the ledger's convention).
   * Null when a mark price is missing for some open position.
   */
  readonly unrealizedPnl: Money | null;
  readonly fills: number;
  readonly volume: Money;
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly winRate: number | null;
  readonly averageWin: Money | null;
  readonly averageLoss: Money | null;
  /** Gross winning PnL / |gross losing PnL|; null when there was no losing trade. */
  readonly profitFactor: number | null;
  /** Mean net PnL per trade. */
  readonly expectancy: Money | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly returnDays: number;
  readonly maxDrawdown: Drawdown | null;
  readonly longestDrawdownMs: number;
  /** Share of the period with any position open (0..1). */
  readonly exposure: number;
  readonly rejections: number;
  readonly halts: number;
  readonly kills: number;
}

/** One sentence on how figures were made where it is not obvious (printed on page 1). */
export interface ReportNote {
  readonly text: string;
}

export interface Report {
  readonly book: Book;
  readonly currency: string;
  readonly period: ReportPeriod;
  readonly generatedAt: number;
  /** The audit chain's head when the report was made (printed, so the report anchors it). */
  readonly auditAnchor: AuditAnchor | null;
  readonly summary: ReportSummary;
  readonly symbols: readonly SymbolRow[];
  readonly trades: readonly TradeRow[];
  readonly best: readonly TradeRow[];
  readonly worst: readonly TradeRow[];
  /** Lots whose closing fill is in the period (the tax rows). */
  readonly closedLots: readonly ClosedLot[];
  /** Fills in the period. */
  readonly fills: readonly ParsedFill[];
  readonly openPositions: readonly OpenPositionRow[];
  /** Equity samples used for the curve, including the opening sample. */
  readonly equityCurve: ReadonlyArray<{ readonly at: number; readonly equity: Money }>;
  readonly days: readonly DayRow[];
  readonly cashFlows: readonly CashFlow[];
  readonly rejectionsByRule: ReadonlyArray<{ readonly rule: string; readonly count: number }>;
  readonly halts: readonly RiskEventRecord[];
  readonly kills: readonly RiskEventRecord[];
  /** How other currencies were valued, and whether the replay was rewound in the period. */
  readonly notes: readonly ReportNote[];
}
