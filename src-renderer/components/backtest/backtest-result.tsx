import type { ReactElement } from 'react';
import type { BacktestFileFormat } from '../../../src-shared/contract/backtest';
import { useBacktestStore } from '../../state/backtest-store';
import { skipCauseWords } from '../../view/skip-cause-words';

const FILES: ReadonlyArray<{ readonly format: BacktestFileFormat; readonly label: string }> = [
  { format: 'pdf', label: 'PDF report' },
  { format: 'lots-csv', label: 'Tax lots CSV' },
  { format: 'fills-csv', label: 'Fills CSV' },
  { format: 'metrics-json', label: 'Metrics JSON' },
];

/** Exact decimal text, rounded to cents for display only. */
function money(text: string | null): string {
  if (text === null) return 'n/a';
  return Number(text).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

function ratio(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(2);
}

/** A finished backtest's figures and its files. */
export function BacktestResultView(props: {
  readonly onSave: (format: BacktestFileFormat) => void;
}): ReactElement | null {
  const result = useBacktestStore((s) => s.result);
  if (result === null) return null;
  const m = result.metrics;
  const pnlClass = Number(m.realizedPnl) < 0 ? 'is-loss' : 'is-gain';
  const rows: ReadonlyArray<readonly [string, string, string?]> = [
    ['Period', `${m.from} – ${m.to} (${m.timeZone})`],
    ['Candles', m.candles.toLocaleString('en-US')],
    ['Trades', `${m.trades} (${m.wins} won, ${m.losses} lost)`],
    ['Realized PnL', `${money(m.realizedPnl)} ${m.currency}`, pnlClass],
    ['Fees', `${money(m.fees)} ${m.currency}`],
    ['Equity', `${money(m.startEquity)} → ${money(m.endEquity)} ${m.currency}`],
    [
      'Open at end',
      m.openPositions.length === 0
        ? 'none'
        : `${m.openPositions
            .map((p) => `${p.symbol} ${p.direction} ${p.quantity} at ${money(p.mark)}`)
            .join(', ')} · unrealized ${money(m.unrealizedPnl)} ${m.currency}`,
      m.unrealizedPnl !== null && Number(m.unrealizedPnl) < 0 ? 'is-loss' : undefined,
    ],
    [
      'Max drawdown',
      m.maxDrawdown === null
        ? 'n/a'
        : `${money(m.maxDrawdown)} ${m.currency} (${ratio(m.maxDrawdownPct)}%)`,
    ],
    ['Sharpe · Sortino', `${ratio(m.sharpe)} · ${ratio(m.sortino)}`],
    ['Risk events', `${m.rejections} rejected, ${m.halts} halts, ${m.kills} kills`],
    ['Autopilot plans', `${m.plans} made, ${m.skipped.reduce((n, s) => n + s.count, 0)} not sent`],
  ];
  return (
    <section className="backtest-result" aria-label="Backtest result" data-testid="backtest-result">
      <dl>
        {rows.map(([label, value, extra]) => (
          <div key={label} className={extra ?? ''}>
            <dt>{label}</dt>
            <dd data-testid={`backtest-${label.toLowerCase().replace(/[^a-z]+/g, '-')}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {m.skipped.length > 0 && (
        <ul className="backtest-skipped" aria-label="Plans not sent">
          {m.skipped.map((s) => (
            <li key={s.why}>
              <strong>
                {s.count} × {skipCauseWords(s.why)}
              </strong>
              <span className="backtest-skipped-first">
                {s.count > 1 ? 'first: ' : ''}
                {s.reason}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="backtest-files">
        {FILES.map((f) => (
          <button
            key={f.format}
            type="button"
            onClick={() => props.onSave(f.format)}
            data-testid={`backtest-save-${f.format}`}
          >
            {f.label}
          </button>
        ))}
      </div>
    </section>
  );
}
