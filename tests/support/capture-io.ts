import type { CliIo } from '../../src-main/host/cli/cli-io';

/** A CliIo that records output, for running CLI commands in-process. */
export function captureIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    env: {},
    platform: process.platform,
    home: '/nonexistent-home',
    stopSignal: new Promise<string>(() => {}),
    out: () => out,
    err: () => err,
  };
}
