/** Everything a CLI command touches of the outside world, injected so tests run in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly home: string;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); gives the signal name. */
  readonly stopSignal: Promise<string>;
  /** Standard input, for commands that read secrets (`vigil keys set`). */
  readonly input?: CliInput;
}

/** What a command may read from the trader: hidden answers on a terminal, or piped stdin. */
export interface CliInput {
  /** Whether stdin is a terminal a prompt can be shown on. */
  readonly interactive: boolean;
  /** Shows `prompt` on stderr and reads one line without echoing it. */
  readSecret(prompt: string): Promise<string>;
  /** Everything piped to stdin, up to its end. */
  readAll(): Promise<string>;
}

/** Bad command line: usage goes to stderr and the exit code is 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** `vigil kill`: HALTED holds in memory only; a restart would not keep it. */
export const EXIT_NOT_DURABLE = 3;
/** `vigil kill`: HALTED is on disk (kill latch file) but the database did not record the kill. */
export const EXIT_NOT_RECORDED = 4;
