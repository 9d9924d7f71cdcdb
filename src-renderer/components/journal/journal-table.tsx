import { Fragment, useState, type ReactElement } from 'react';
import type { JournalTrade } from '../../../src-shared/contract/journal';
import { useBookStore } from '../../state/book-store';
import { useJournalStore } from '../../state/journal-store';
import { formatAge } from '../../format';
import { priceText, qtyText } from '../../view/market-format';
import { formatNumber, formatSigned, moneyPlaces } from '../../view/numbers';
import { zonedShort } from '../../view/journal-view';
import { JournalNoteEditor } from './journal-note-editor';
import { JournalPlanView } from './journal-plan-view';

const COLUMNS = 11;

/** The closed trades, newest first; a row opens its signal, note and tags. */
export function JournalTable(): ReactElement {
  const list = useJournalStore((s) => s.list);
  const error = useJournalStore((s) => s.error);
  const markets = useBookStore((s) => s.markets);
  const [openId, setOpenId] = useState<string | null>(null);
  if (list === null) return <p className="empty">{error ?? 'Loading the journal…'}</p>;
  const zone = list.timeZone;
  return (
    <>
      {error !== null && (
        <p className="tone-bad small" role="alert">
          {error}
        </p>
      )}
      <p className="small muted" data-testid="journal-summary">
        {list.matched} closed trade{list.matched === 1 ? '' : 's'}
        {list.totals.map((t) => (
          <span key={t.currency}>
            {' '}
            · net <strong>{formatSigned(t.netPnl, moneyPlaces(t.currency))}</strong> {t.currency}
          </span>
        ))}
        {list.stats.winRate !== null && (
          <span data-testid="journal-stats">
            {' '}
            · {list.stats.wins} won, {list.stats.losses} lost (
            {formatNumber(list.stats.winRate * 100, 0)}%)
            {list.stats.averageR !== null &&
              ` · average ${list.stats.averageR}R over ${list.stats.withR} with a stop (total ${list.stats.totalR}R)`}
          </span>
        )}{' '}
        · times in {zone}
      </p>
      {list.trades.length === 0 ? (
        <p className="empty">No closed trade matches these filters.</p>
      ) : (
        <table className="grid-table journal-table" data-testid="journal-table">
          <thead>
            <tr>
              <th>Trade</th>
              <th>Market</th>
              <th>Side</th>
              <th>Closed</th>
              <th className="num">Held</th>
              <th className="num">Qty</th>
              <th className="num">Entry → exit</th>
              <th className="num">Net PnL</th>
              <th className="num">R</th>
              <th>Signal</th>
              <th>Tags · note</th>
            </tr>
          </thead>
          <tbody>
            {list.trades.map((t) => (
              <Fragment key={t.id}>
                <TradeRow
                  t={t}
                  zone={zone}
                  open={openId === t.id}
                  toggle={() => setOpenId(openId === t.id ? null : t.id)}
                  price={(p) => priceText(markets, t.symbol, p)}
                />
                {openId === t.id && (
                  <tr className="journal-detail-row">
                    <td colSpan={COLUMNS}>
                      <JournalNoteEditor
                        trade={t}
                        plan={
                          <JournalPlanView
                            trade={t}
                            zone={zone}
                            price={(p) => priceText(markets, t.symbol, p)}
                          />
                        }
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function TradeRow(props: {
  readonly t: JournalTrade;
  readonly zone: string;
  readonly open: boolean;
  readonly toggle: () => void;
  readonly price: (text: string) => string;
}): ReactElement {
  const { t } = props;
  const net = Number(t.netPnl);
  const tone = net > 0 ? 'pnl-text-up' : net < 0 ? 'pnl-text-down' : '';
  return (
    <tr className="journal-row" data-testid="journal-row" data-trade={t.id} data-symbol={t.symbol}>
      <td>
        <button
          type="button"
          className="link-button"
          aria-expanded={props.open}
          onClick={props.toggle}
          data-testid="journal-open"
        >
          {t.id}
        </button>
      </td>
      <td>{t.symbol}</td>
      <td className={t.direction === 'long' ? 'tone-good' : 'tone-bad'}>
        {t.direction.toUpperCase()}
      </td>
      <td title={`opened ${zonedShort(t.openedAt, props.zone)}`}>
        {zonedShort(t.closedAt, props.zone)}
      </td>
      <td className="num">{formatAge(t.holdingMs)}</td>
      <td className="num">{qtyText(t.qty)}</td>
      <td className="num">
        {props.price(t.entryPrice)} → {props.price(t.exitPrice)}
      </td>
      <td
        className={`num ${tone}`}
        data-testid="journal-net"
        title={`fees ${t.fees} ${t.quoteAsset}`}
      >
        {formatSigned(t.netPnl, moneyPlaces(t.quoteAsset))}
      </td>
      <td className="num" data-testid="journal-r" title={t.rMissing ?? undefined}>
        {t.rMultiple === null ? 'n/a' : `${t.rMultiple}R`}
      </td>
      <td data-testid="journal-signal">
        {t.entrySignal === null ? '—' : `${t.entrySignal.tier} ${t.entrySignal.timeframe}`}
        {t.plan !== null && <span className="muted"> · plan {t.plan.planId}</span>}
      </td>
      <td className="journal-note-cell" data-testid="journal-note">
        {t.tags.map((tag) => (
          <span key={tag} className="journal-tag">
            #{tag}
          </span>
        ))}{' '}
        {t.notes}
      </td>
    </tr>
  );
}
