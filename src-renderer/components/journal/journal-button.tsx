import type { ReactElement } from 'react';
import { useJournalStore } from '../../state/journal-store';

/** The way into the journal and the PnL calendar, in the status line. */
export function JournalButton(): ReactElement {
  const setOpen = useJournalStore((s) => s.setOpen);
  return (
    <button
      type="button"
      className="journal-button"
      data-testid="open-journal"
      aria-haspopup="dialog"
      title="Closed trades with their R-multiple, notes and tags; the PnL calendar"
      onClick={() => setOpen(true)}
    >
      Journal · PnL calendar
    </button>
  );
}
