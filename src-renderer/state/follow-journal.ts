import type { VigilClient } from '../../src-shared/contract/client';
import { errorText } from './error-text';
import { useJournalStore } from './journal-store';

/** "2018-05" of an instant in a zone: the calendar month a trade closed in. */
export function monthIn(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })
    .format(ms)
    .slice(0, 7);
}

/**
 * The journal, loaded while its drawer is open: again on every filter or month change and on
 * journalChanged (a trade closed, a note saved). The calendar opens on the month of the latest
 * closed trade. Returns an unsubscribe.
 */
export function followJournal(client: VigilClient): () => void {
  let generation = 0;
  const load = (): void => {
    const { open, filter, month } = useJournalStore.getState();
    if (!open) return;
    generation += 1;
    const mine = generation;
    const list = client.call('listJournal', filter);
    const calendar =
      month === null ? Promise.resolve(null) : client.call('getPnlCalendar', { month });
    Promise.all([
      list,
      calendar,
      month === null ? client.call('listJournal', { limit: 1 }) : null,
    ]).then(
      ([trades, days, latest]) => {
        // A newer load overtook this one: its answer is the one to show.
        if (mine !== generation) return;
        if (latest !== null) {
          const newest = latest.trades[0];
          useJournalStore
            .getState()
            .setMonth(monthIn(newest?.closedAt ?? Date.now(), latest.timeZone));
        }
        useJournalStore.getState().loaded(trades, days);
      },
      (error: unknown) => {
        if (mine === generation) useJournalStore.getState().failed(errorText(error));
      },
    );
  };
  const offs = [
    useJournalStore.subscribe((state, previous) => {
      if (
        state.open !== previous.open ||
        state.filter !== previous.filter ||
        state.month !== previous.month
      )
        load();
    }),
    client.on('journalChanged', () => load()),
  ];
  return () => offs.forEach((off) => off());
}
