import type { ReactElement } from 'react';
import { useBookStore } from '../../state/book-store';
import { priceText, qtyText } from '../../view/market-format';
import { formatDecimal, formatSigned, moneyPlaces } from '../../view/numbers';
import { EmptyState } from '../layout/empty-state';

const tone = (pnl: string | null): string =>
  pnl === null ? '' : pnl.startsWith('-') ? 'tone-bad' : 'tone-good';

/**
 * Open positions at the engine's latest mark (bookMarked, every bar), with the unrealized
 * total the top bar's equity includes; closing goes through the risk gate.
 */
export function PositionsTable(props: { onClose?: (symbol: string) => void }): ReactElement {
  const valuation = useBookStore((s) => s.valuation);
  const markets = useBookStore((s) => s.markets);
  if (valuation === null) return <EmptyState text="Loading positions…" />;
  if (valuation.positions.length === 0) return <EmptyState text="Flat: no open positions." />;
  const places = moneyPlaces(valuation.quoteAsset);
  const money = (text: string | null): string =>
    text === null ? 'no mark' : formatSigned(text, places);
  return (
    <table
      className="grid-table book-table"
      data-testid="positions-table"
      data-valued-at={valuation.at}
    >
      <thead>
        <tr>
          <th>Symbol</th>
          <th>Side</th>
          <th className="num">Qty</th>
          <th className="num">Entry</th>
          <th className="num">Mark</th>
          <th className="num">Unrealized</th>
          <th className="num">Realized</th>
          <th>
            <span className="sr-only">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {valuation.positions.map((p) => {
          const short = p.qty.startsWith('-');
          return (
            <tr
              key={`${p.bookId}:${p.symbol}`}
              data-testid="position-row"
              data-symbol={p.symbol}
              data-qty={p.qty}
              data-entry={p.avgEntryPrice ?? ''}
              data-mark={p.markPrice ?? ''}
              data-unrealized={p.unrealizedPnl ?? ''}
            >
              <td className="sym">{p.symbol}</td>
              <td className={short ? 'tone-bad' : 'tone-good'}>{short ? 'SHORT' : 'LONG'}</td>
              <td className="num">{qtyText(short ? p.qty.slice(1) : p.qty)}</td>
              <td className="num">
                {p.avgEntryPrice === null ? '—' : priceText(markets, p.symbol, p.avgEntryPrice)}
              </td>
              <td className="num" data-testid="position-mark">
                {p.markPrice === null ? 'no mark' : priceText(markets, p.symbol, p.markPrice)}
              </td>
              <td className={`num ${tone(p.unrealizedPnl)}`} data-testid="position-unrealized">
                {money(p.unrealizedPnl)}
              </td>
              <td className={`num ${tone(p.realizedPnl)}`}>{money(p.realizedPnl)}</td>
              <td>
                <button
                  type="button"
                  data-testid="close-position"
                  disabled={props.onClose === undefined}
                  onClick={() => props.onClose?.(p.symbol)}
                >
                  Close
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={5} className="muted">
            Unrealized total · equity {formatDecimal(valuation.equity, places)}{' '}
            {valuation.quoteAsset}
          </td>
          <td className={`num ${tone(valuation.unrealizedPnl)}`} data-testid="unrealized-total">
            {money(valuation.unrealizedPnl)}
          </td>
          <td colSpan={2} />
        </tr>
      </tfoot>
    </table>
  );
}
