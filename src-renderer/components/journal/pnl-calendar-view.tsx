import type { ReactElement } from 'react';
import type { PnlCalendar } from '../../../src-shared/contract/journal';
import { useJournalStore } from '../../state/journal-store';
import { formatSigned, moneyPlaces } from '../../view/numbers';
import { dayShade, leadingBlanks, monthLabel, shiftMonth } from '../../view/journal-view';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * The month at a glance: one cell per local day, coloured by that day's net realized PnL
 * (blue gains, orange losses, stronger for bigger days) and always carrying the signed figure,
 * so nothing depends on telling colours apart. A click lists that day's trades below.
 */
export function PnlCalendarView(): ReactElement {
  const month = useJournalStore((s) => s.month);
  const calendar = useJournalStore((s) => s.calendar);
  const setMonth = useJournalStore((s) => s.setMonth);
  const setFilter = useJournalStore((s) => s.setFilter);
  if (month === null) return <p className="empty">Loading the calendar…</p>;
  return (
    <section className="pnl-calendar" aria-label="PnL calendar" data-testid="pnl-calendar">
      <div className="pnl-calendar-head">
        <button
          type="button"
          aria-label="Previous month"
          onClick={() => setMonth(shiftMonth(month, -1))}
        >
          ‹
        </button>
        <h3 data-testid="pnl-month">{monthLabel(month)}</h3>
        <button
          type="button"
          aria-label="Next month"
          onClick={() => setMonth(shiftMonth(month, 1))}
        >
          ›
        </button>
        <span className="spacer" />
        {calendar !== null && calendar.month === month && <MonthTotal calendar={calendar} />}
      </div>
      {calendar === null || calendar.month !== month ? (
        <p className="empty">Loading {monthLabel(month)}…</p>
      ) : (
        <div className="pnl-grid">
          {WEEKDAYS.map((d) => (
            <div key={d} className="pnl-weekday" aria-hidden="true">
              {d}
            </div>
          ))}
          {Array.from(
            { length: leadingBlanks(calendar.days[0]?.date ?? `${month}-01`) },
            (_, i) => (
              <div key={`blank${i}`} className="pnl-blank" aria-hidden="true" />
            ),
          )}
          {calendar.days.map((day) => {
            const shade = dayShade(day, calendar);
            const places = moneyPlaces(calendar.currency);
            const figure = day.trades === 0 ? '' : formatSigned(day.netPnl, places);
            return (
              <button
                type="button"
                key={day.date}
                className={`pnl-day tone-${shade.tone} level-${shade.level}`}
                data-testid="pnl-day"
                data-date={day.date}
                data-pnl={day.netPnl}
                disabled={day.trades === 0}
                title={
                  day.trades === 0
                    ? `${day.date}: no trades closed`
                    : `${day.date}: ${figure} ${calendar.currency} net; list this day's trades`
                }
                onClick={() => setFilter({ from: day.date, to: day.date })}
              >
                <span className="pnl-date">{Number(day.date.slice(8))}</span>
                {day.trades > 0 && <strong className="pnl-figure">{figure}</strong>}
                {day.other.map((o) => (
                  <span key={o.currency} className="pnl-other">
                    {formatSigned(o.netPnl, moneyPlaces(o.currency))} {o.currency}
                  </span>
                ))}
                {day.trades > 0 && (
                  <span className="pnl-count">
                    {day.trades} trade{day.trades === 1 ? '' : 's'} · {day.wins}W {day.losses}L
                  </span>
                )}
              </button>
            );
          })}
        </div>
      )}
    </section>
  );
}

function MonthTotal(props: { calendar: PnlCalendar }): ReactElement {
  const c = props.calendar;
  const sign = Number(c.total) > 0 ? 'up' : Number(c.total) < 0 ? 'down' : 'flat';
  return (
    <span className="pnl-total" data-testid="pnl-month-total">
      {c.trades} trade{c.trades === 1 ? '' : 's'} ·{' '}
      <strong className={`pnl-text-${sign}`}>
        {formatSigned(c.total, moneyPlaces(c.currency))} {c.currency}
      </strong>
      {c.other.map((o) => (
        <span key={o.currency}>
          {' '}
          · {formatSigned(o.netPnl, moneyPlaces(o.currency))} {o.currency}
        </span>
      ))}
      <span className="muted"> · days in {c.timeZone}</span>
    </span>
  );
}
