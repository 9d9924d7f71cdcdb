import { DataFolderError, StoreOpenError } from '../../engine/store/store-error';
import { DataDirLockedError } from '../../engine/store/data-dir-locked-error';
import { CommandRefusal } from '../../../src-shared/contract/command-refusal';
import { ContractCallError } from '../../../src-shared/contract/contract-error';
import { EXIT_FAILURE, EXIT_USAGE, UsageError, type CliIo } from './cli-io';
import { COMMANDS } from './command-table';
import { HostUnreachableError } from './host-unreachable-error';

export function usageText(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage}`);
  return `Usage:\n${lines.join('\n')}\n`;
}

/** Runs one CLI invocation and returns the exit code; never calls process.exit itself. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usageText());
    return 0;
  }
  // Own keys only: `vigil toString` is an unknown command, not Object.prototype's method.
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.stderr(`vigil: unknown command '${name ?? ''}'\n${usageText()}`);
    return EXIT_USAGE;
  }
  try {
    const run = await command.load();
    return await run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`vigil ${name}: ${error.message}\nUsage: ${command.usage}\n`);
      return EXIT_USAGE;
    }
    if (
      error instanceof StoreOpenError ||
      error instanceof DataFolderError ||
      error instanceof DataDirLockedError ||
      error instanceof HostUnreachableError ||
      error instanceof ContractCallError ||
      // Connection, key and keychain refusals met before a command is sent.
      error instanceof CommandRefusal
    ) {
      io.stderr(`vigil ${name}: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}
