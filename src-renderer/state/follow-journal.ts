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
 * journalChanged (a trade closed, a note saved). Until the trader picks a month, the calendar
 * follows the month of the latest closed trade. Returns an unsubscribe.
 */
export function followJournal(client: VigilClient): () => void {
  let generation = 0;
  const load = async (mine: number): Promise<void> => {
    const state = useJournalStore.getState();
    if (!state.monthChosen) {
      const latest = await client.call('listJournal', { limit: 1 });
      const newest = latest.trades[0];
      if (mine !== generation) return;
      // Without a trade yet, this month: the calendar has nothing to show anywhere.
      useJournalStore
        .getState()
        .followMonth(monthIn(newest?.closedAt ?? Date.now(), latest.timeZone));
    }
    const { filter, month } = useJournalStore.getState();
    const [list, calendar] = await Promise.all([
      client.call('listJournal', filter),
      month === null ? Promise.resolve(null) : client.call('getPnlCalendar', { month }),
    ]);
    // A newer load overtook this one: its answer is the one to show.
    if (mine === generation) useJournalStore.getState().loaded(list, calendar);
  };
  const reload = (): void => {
    if (!useJournalStore.getState().open) return;
    generation += 1;
    const mine = generation;
    load(mine).catch((error: unknown) => {
      if (mine === generation) useJournalStore.getState().failed(errorText(error));
    });
  };
  const offs = [
    useJournalStore.subscribe((state, previous) => {
      if (
        state.open !== previous.open ||
        state.filter !== previous.filter ||
        state.month !== previous.month
      )
        reload();
    }),
    client.on('journalChanged', () => reload()),
  ];
  return () => offs.forEach((off) => off());
}
