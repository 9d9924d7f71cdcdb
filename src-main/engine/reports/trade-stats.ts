import type { ClosedLot } from './fifo-lots';
import { type Money, PRORATION_PLACES, sumMoney } from './money';
import type { TradeRow } from './report-model';

/**
 * Groups closed lot slices into trades: one trade per closing fill. A partial close is a
 * trade of its own; a close that spans several lots is one trade.
 */
export async function tradesFromLots(
  lots: readonly ClosedLot[],
  pause: () => Promise<void> = async () => {},
): Promise<TradeRow[]> {
  const byFill = new Map<string, ClosedLot[]>();
  for (const lot of lots) {
    const id = lot.closeFill.source.id;
    const group = byFill.get(id);
    if (group === undefined) byFill.set(id, [lot]);
    else group.push(lot);
  }
  const trades: TradeRow[] = [];
  for (const [id, group] of byFill) {
    if (trades.length % 1000 === 999) await pause();
    const first = group[0];
    if (first === undefined) continue;
    const quantity = sumMoney(group.map((l) => l.quantity));
    const entryNotional = sumMoney(group.map((l) => l.openGross));
    trades.push({
      symbol: first.symbol,
      direction: first.direction,
      openedAt: Math.min(...group.map((l) => l.openFill.at)),
      closedAt: first.closeFill.at,
      quantity,
      entryPrice: entryNotional.div(quantity).toDecimalPlaces(PRORATION_PLACES),
      exitPrice: first.closeFill.price,
      pnl: sumMoney(group.map((l) => l.gain)),
      fees: sumMoney(group.map((l) => l.openFee.plus(l.closeFee))),
      closeFillId: id,
      lots: group,
    });
  }
  return trades;
}

export interface TradeStats {
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly winRate: number | null;
  readonly averageWin: Money | null;
  readonly averageLoss: Money | null;
  readonly profitFactor: number | null;
  readonly expectancy: Money | null;
}

/**
 * Win rate counts trades with PnL > 0 among all trades (break-even trades are not wins).
 * Averages and expectancy are exact decimals; ratios are plain numbers.
 */
export function tradeStats(trades: readonly TradeRow[]): TradeStats {
  const wins = trades.filter((t) => t.pnl.gt(0));
  const losses = trades.filter((t) => t.pnl.lt(0));
  const grossWin = sumMoney(wins.map((t) => t.pnl));
  const grossLoss = sumMoney(losses.map((t) => t.pnl)).abs();
  const total = sumMoney(trades.map((t) => t.pnl));
  return {
    trades: trades.length,
    wins: wins.length,
    losses: losses.length,
    winRate: trades.length === 0 ? null : wins.length / trades.length,
    averageWin: wins.length === 0 ? null : grossWin.div(wins.length),
    averageLoss: losses.length === 0 ? null : grossLoss.negated().div(losses.length),
    profitFactor: grossLoss.isZero() ? null : grossWin.div(grossLoss).toNumber(),
    expectancy: trades.length === 0 ? null : total.div(trades.length),
  };
}

/** The n best and n worst trades by net PnL (ties: earlier first). */
export function bestAndWorst(
  trades: readonly TradeRow[],
  n: number,
): { best: TradeRow[]; worst: TradeRow[] } {
  const sorted = [...trades].sort((a, b) => b.pnl.comparedTo(a.pnl) || a.closedAt - b.closedAt);
  const best = sorted.filter((t) => t.pnl.gt(0)).slice(0, n);
  const worst = sorted
    .filter((t) => t.pnl.lt(0))
    .reverse()
    .slice(0, n);
  return { best, worst };
}
