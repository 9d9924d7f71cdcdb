import type { CallerContext, CommandHandlers } from '../../../src-shared/contract/handlers';
import type { journalCommands } from '../../../src-shared/contract/journal';
import type { Journal } from './journal';

const actorOf = (caller: CallerContext): string => `user:${caller.origin}`;

export function journalHandlers(
  journal: Journal,
): Pick<CommandHandlers, keyof typeof journalCommands> {
  return {
    listJournal: (input) => journal.list(input),
    setJournalNote: (input, caller) => journal.setNote(input, actorOf(caller)),
    getPnlCalendar: (input) => journal.calendar(input.book, input.month),
  };
}
