import { CommandRefusal } from '../../src-shared/contract/command-refusal';
import type { CommandName } from '../../src-shared/contract/commands';
import type { CommandHandlers } from '../../src-shared/contract/handlers';
import { asStorageError } from './store/storage-failure';

type AnyHandler = (input: unknown, caller: Parameters<CommandHandlers['ping']>[1]) => unknown;

/**
 * Wraps every handler so its failures reach the caller in the right terms: a refusal keeps its
 * code; a disk that refuses a write (no space, read-only) becomes STORAGE_FAILED naming the
 * file; anything else is a Vigil bug, reported with its stack through `reportBug` before the
 * transport answers HANDLER_FAILED.
 */
export function guardHandlers(
  handlers: CommandHandlers,
  databasePath: string,
  reportBug: (command: CommandName, error: unknown) => void,
): CommandHandlers {
  const guarded: Partial<Record<CommandName, AnyHandler>> = {};
  for (const name of Object.keys(handlers) as CommandName[]) {
    const handler = handlers[name] as AnyHandler;
    const translate = (error: unknown): never => {
      if (error instanceof CommandRefusal) throw error;
      const storage = asStorageError(error, databasePath);
      if (storage !== null) throw storage;
      reportBug(name, error);
      throw error;
    };
    guarded[name] = (input, caller) => {
      // Called synchronously: the kill handler latches before its first await.
      let result: unknown;
      try {
        result = handler(input, caller);
      } catch (error) {
        return translate(error);
      }
      return result instanceof Promise ? result.catch(translate) : result;
    };
  }
  return guarded as CommandHandlers;
}
