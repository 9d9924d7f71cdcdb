import type { CliIo } from '../../src-main/host/cli/cli-io';

export interface CapturedIo extends CliIo {
  readonly out: string[];
  readonly err: string[];
  /** Simulates SIGINT/SIGTERM for long-running commands. */
  signal(name: string): void;
}

/** A CliIo that records what a command prints, for in-process CLI tests. */
export function captureIo(env: Record<string, string | undefined> = {}): CapturedIo {
  let signal: (name: string) => void = () => {};
  const stopSignal = new Promise<string>((resolve) => {
    signal = resolve;
  });
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env,
    platform: 'linux',
    home: '/nonexistent-home',
    stopSignal,
    signal: (name) => signal(name),
  };
}
