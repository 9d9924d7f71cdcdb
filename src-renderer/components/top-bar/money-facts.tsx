import type { ReactElement } from 'react';
import { useBookStore } from '../../state/book-store';
import { useRiskStore } from '../../state/risk-store';
import { Fact } from './fact';

const signed = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;

/**
 * Equity from the ledger's latest equity sample; while flat and before any sample, equity is
 * exactly the ledger's cash. With positions and no sample yet there is no honest figure.
 * Today's PnL and the daily-loss share come from the engine's risk usage (start-of-day equity
 * in the trader's time zone).
 */
export function MoneyFacts(): ReactElement {
  const sample = useBookStore((s) => s.equity);
  const totals = useBookStore((s) => s.totals);
  const flat = useBookStore((s) => s.positions.every((p) => Number(p.qty) === 0));
  const usage = useRiskStore((s) => s.usage);
  const limit = useRiskStore((s) => s.config?.dailyLossPct);
  const quote = totals?.quoteAsset ?? '';
  const equity = sample?.equity ?? (flat ? totals?.cash : undefined);
  const todayPnl = usage === null ? '—' : signed(usage.equity - usage.startOfDayEquity);
  const lossShare =
    usage === null || limit === undefined
      ? '—'
      : `${Math.round((usage.dailyLossPct / limit) * 100)}% of limit`;
  return (
    <>
      <Fact label={`Equity ${quote}`} testId="equity" value={equity ?? '—'} />
      <Fact label="Today PnL" testId="today-pnl" value={todayPnl} />
      <Fact label="Daily loss used" testId="daily-loss" value={lossShare} />
    </>
  );
}
