import type { ReportFill, RiskEventRecord } from '../../src-main/engine/reports/report-source';
import { MemoryReportSource } from '../../src-main/engine/reports/memory-report-source';

/**
 * A small hand-made trade list (synthetic on purpose: the metric tests need exact, known
 * numbers, including a fee in a non-quote asset and one sell closing parts of two lots).
 * September is a loss month; October has a partial close across lots, a base-asset fee
 * (BTC), a third-asset fee (BNB) and a position still open at the month end.
 */
export const FIXTURE_NOW = Date.UTC(2026, 10, 21, 12);

const fill = (
  id: string,
  iso: string,
  symbol: string,
  side: 'buy' | 'sell',
  quantity: string,
  price: string,
  feeAsset: string,
  feeAmount: string,
  feeValue?: string,
): ReportFill => {
  const [base = '', quote = ''] = symbol.split('/');
  return {
    id,
    book: 'paper',
    venue: 'paper',
    symbol,
    base,
    quote,
    side,
    quantity,
    price,
    feeAsset,
    feeAmount,
    ...(feeValue === undefined ? {} : { feeValue }),
    at: Date.parse(iso),
    orderId: `o-${id}`,
    clientOrderId: `c-${id}`,
  };
};

export const FIXTURE_FILLS: readonly ReportFill[] = [
  fill('F1', '2026-09-10T10:00:00Z', 'ETH/USDT', 'buy', '1', '2000', 'USDT', '2'),
  fill('F2', '2026-09-20T10:00:00Z', 'ETH/USDT', 'sell', '1', '1900', 'USDT', '1.9'),
  fill('F3', '2026-10-01T08:00:00Z', 'BTC/USDT', 'buy', '0.5', '60000', 'BTC', '0.0005'),
  fill('F4', '2026-10-02T08:00:00Z', 'BTC/USDT', 'buy', '0.5', '62000', 'BNB', '0.05', '25.5'),
  fill('F5', '2026-10-05T08:00:00Z', 'BTC/USDT', 'sell', '0.75', '64000', 'USDT', '48'),
  fill('F6', '2026-10-10T08:00:00Z', 'BTC/USDT', 'sell', '0.25', '58000', 'USDT', '14.5'),
  fill('F7', '2026-10-12T08:00:00Z', 'ETH/USDT', 'buy', '1', '2500', 'USDT', '2.5'),
  fill('F8', '2026-10-15T08:00:00Z', 'ETH/USDT', 'sell', '1', '2500', 'USDT', '2.5'),
  fill('F9', '2026-10-20T08:00:00Z', 'BTC/USDT', 'buy', '0.1', '61000', 'USDT', '6.1'),
];

const sample = (iso: string, equity: string): { at: number; equity: string } => ({
  at: Date.parse(iso),
  equity,
});

export const FIXTURE_EQUITY = [
  sample('2026-09-01T00:00:00Z', '10000'),
  sample('2026-09-20T10:00:00Z', '9896'),
  sample('2026-09-30T12:00:00Z', '9896'),
  sample('2026-10-01T12:00:00Z', '9866'),
  sample('2026-10-02T12:00:00Z', '10100'),
  sample('2026-10-03T12:00:00Z', '9999.5'),
  sample('2026-10-10T12:00:00Z', '9800'),
  sample('2026-10-20T12:00:00Z', '10150'),
  sample('2026-10-25T12:00:00Z', '10000'),
];

const risk = (iso: string, kind: RiskEventRecord['kind'], rule: string): RiskEventRecord => ({
  at: Date.parse(iso),
  kind,
  rule,
  reason: `${rule} fired`,
});

export const FIXTURE_RISK: readonly RiskEventRecord[] = [
  risk('2026-10-06T09:00:00Z', 'rejection', 'daily-loss'),
  risk('2026-10-07T09:00:00Z', 'rejection', 'max-positions'),
  risk('2026-10-08T09:00:00Z', 'rejection', 'daily-loss'),
  risk('2026-10-09T09:00:00Z', 'halt', 'panic:stale-quotes'),
  risk('2026-10-11T09:00:00Z', 'kill', 'user:button'),
];

export function fixtureSource(): MemoryReportSource {
  return new MemoryReportSource({
    paper: {
      currency: 'USDT',
      fills: FIXTURE_FILLS,
      equity: FIXTURE_EQUITY,
      riskEvents: FIXTURE_RISK,
      marks: { 'BTC/USDT': [[Date.parse('2026-10-31T20:00:00Z'), '63000']] },
    },
  });
}
