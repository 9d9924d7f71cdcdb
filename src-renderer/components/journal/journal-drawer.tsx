import type { ReactElement } from 'react';
import { useJournalStore } from '../../state/journal-store';
import { Drawer } from '../layout/drawer';
import { JournalFilters } from './journal-filters';
import { JournalTable } from './journal-table';
import { PnlCalendarView } from './pnl-calendar-view';
import './journal.css';

/** The trading journal: the month's PnL calendar over the closed trades, filtered. */
export function JournalDrawer(): ReactElement | null {
  const open = useJournalStore((s) => s.open);
  const setOpen = useJournalStore((s) => s.setOpen);
  return (
    <Drawer open={open} onClose={() => setOpen(false)} title="Journal" testId="journal-drawer" wide>
      <PnlCalendarView />
      <JournalFilters />
      <JournalTable />
    </Drawer>
  );
}
