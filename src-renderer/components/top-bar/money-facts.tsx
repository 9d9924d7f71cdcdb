import type { ReactElement } from 'react';
import { useBookStore } from '../../state/book-store';
import { Fact } from './fact';

const NO_DAY_START =
  "The engine does not publish start-of-day equity yet (no risk-usage command in the contract), so today's PnL and the daily-loss share cannot be shown.";

/**
 * Equity from the ledger's latest equity sample; while flat and before any sample, equity is
 * exactly the ledger's cash. With positions and no sample yet there is no honest figure.
 */
export function MoneyFacts(): ReactElement {
  const sample = useBookStore((s) => s.equity);
  const totals = useBookStore((s) => s.totals);
  const flat = useBookStore((s) => s.positions.every((p) => Number(p.qty) === 0));
  const quote = totals?.quoteAsset ?? '';
  const equity = sample?.equity ?? (flat ? totals?.cash : undefined);
  return (
    <>
      <Fact label={`Equity ${quote}`} testId="equity" value={equity ?? '—'} />
      <Fact label="Today PnL" testId="today-pnl" value="—" missing={NO_DAY_START} />
      <Fact label="Daily loss used" testId="daily-loss" value="—" missing={NO_DAY_START} />
    </>
  );
}
