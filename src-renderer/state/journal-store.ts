import { create } from 'zustand';
import type { CommandInput, CommandOutput } from '../../src-shared/contract/commands';
import type { PnlCalendar } from '../../src-shared/contract/journal';

export type JournalFilterInput = Omit<CommandInput<'listJournal'>, 'book' | 'limit'>;
export type JournalList = CommandOutput<'listJournal'>;

interface JournalState {
  open: boolean;
  filter: JournalFilterInput;
  list: JournalList | null;
  /** The calendar's month (YYYY-MM); null until the journal has found its latest trade's. */
  month: string | null;
  /** The trader moved the calendar: it stays on that month instead of following new trades. */
  monthChosen: boolean;
  calendar: PnlCalendar | null;
  /** The last load's refusal, in the engine's words. */
  error: string | null;
  setOpen(open: boolean): void;
  /** Merges into the filter; an empty value removes that filter. */
  setFilter(change: JournalFilterInput): void;
  clearFilter(): void;
  /** The trader's choice of month. */
  setMonth(month: string): void;
  /** The month of the latest closed trade, unless the trader chose one. */
  followMonth(month: string): void;
  loaded(list: JournalList, calendar: PnlCalendar | null): void;
  failed(error: string): void;
}

function withoutEmpty(filter: JournalFilterInput): JournalFilterInput {
  return Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== undefined && v !== ''),
  ) as JournalFilterInput;
}

/** The journal drawer: its filters, the trades it lists and the month its calendar shows. */
export const useJournalStore = create<JournalState>()((set) => ({
  open: false,
  filter: {},
  list: null,
  month: null,
  monthChosen: false,
  calendar: null,
  error: null,
  setOpen: (open) => set({ open }),
  setFilter: (change) => set((s) => ({ filter: withoutEmpty({ ...s.filter, ...change }) })),
  clearFilter: () => set({ filter: {} }),
  setMonth: (month) => set({ month, monthChosen: true }),
  followMonth: (month) => set((s) => (s.monthChosen || s.month === month ? {} : { month })),
  loaded: (list, calendar) => set({ list, calendar, error: null }),
  failed: (error) => set({ error }),
}));
