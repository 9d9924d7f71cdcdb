import type { ReactElement } from 'react';
import { useBookStore } from '../../state/book-store';
import { useRiskStore } from '../../state/risk-store';
import { formatDecimal, formatSigned, moneyPlaces } from '../../view/numbers';
import { Fact } from './fact';

const tone = (text: string): 'good' | 'bad' | undefined =>
  text.startsWith('-') ? 'bad' : text.startsWith('+') ? 'good' : undefined;

/**
 * Equity, today's PnL and the daily-loss share, all from the engine's latest valuation of the
 * book (bookMarked): the positions table and the gauges read the same one, so they agree.
 */
export function MoneyFacts(): ReactElement {
  const valuation = useBookStore((s) => s.valuation);
  const limit = useRiskStore((s) => s.config?.dailyLossPct);
  const usage = valuation?.usage ?? null;
  const quote = valuation?.quoteAsset ?? '';
  const places = moneyPlaces(quote);
  const equity = valuation === null ? '—' : formatDecimal(valuation.equity, places);
  const todayPnl =
    valuation === null || usage === null
      ? '—'
      : formatSigned((Number(valuation.equity) - usage.startOfDayEquity).toFixed(places), places);
  const lossShare =
    usage === null || limit === undefined
      ? '—'
      : `${Math.round((usage.dailyLossPct / limit) * 100)}% of limit`;
  return (
    <>
      <Fact
        label={`Equity ${quote}`}
        testId="equity"
        value={equity}
        title={valuation?.usageError ?? undefined}
      />
      <Fact label="Today PnL" testId="today-pnl" value={todayPnl} tone={tone(todayPnl)} />
      <Fact label="Daily loss used" testId="daily-loss" value={lossShare} />
    </>
  );
}
