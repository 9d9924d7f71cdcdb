/**
 * Exits once everything written has reached stdout and stderr. Writes to a pipe are
 * asynchronous, so exiting at once could cut a long report (`vigil scan --json | jq`) short;
 * an empty write's callback runs after every earlier write on that stream has been flushed.
 * The CLI exits explicitly because short commands must not hang on leftover listeners.
 */
export function exitAfterOutput(
  code: number,
  streams: readonly NodeJS.WritableStream[] = [process.stdout, process.stderr],
  exit: (code: number) => void = (c) => process.exit(c),
): void {
  process.exitCode = code;
  let pending = streams.length;
  if (pending === 0) return exit(code);
  const flushed = (): void => {
    pending -= 1;
    if (pending === 0) exit(code);
  };
  for (const stream of streams) stream.write('', flushed);
}
