import type { CliIo } from '../../src-main/host/cli/cli-io';

/** An in-process CliIo that captures output. */
export function captureIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    env: {},
    platform: 'linux',
    home: '/nonexistent-home',
    stopSignal: new Promise<string>(() => {}),
    out: () => out,
    err: () => err,
  };
}
