import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';

export interface RunningHost {
  /** The URL `vigil serve` printed, token included. */
  readonly url: string;
  readonly dataDir: string;
  readonly output: () => string;
}

/**
 * Starts the real built CLI (`node bin/vigil.mjs serve`) on a free port with a fresh data
 * folder (or `dataDir`, which the caller owns); `stop` sends SIGTERM and removes the fresh
 * folder.
 */
export async function launchHost(
  options: { readonly dataDir?: string } = {},
): Promise<RunningHost & { stop(): Promise<void> }> {
  const owned = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/vigil.mjs', 'serve', '--port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`vigil serve exited ${code}: ${output}`)));
  });
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      if (owned) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One host per worker, shared by the specs that do not depend on the replay's position. */
export const test = base.extend<object, { host: RunningHost }>({
  host: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures require the destructuring form
    async ({}, use) => {
      const host = await launchHost();
      await use(host);
      await host.stop();
    },
    { scope: 'worker' },
  ],
});

/** A host of its own per test, for specs that move the replay or trade: each starts fresh. */
export const freshHostTest = base.extend<{ freshHost: RunningHost }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures require the destructuring form
  freshHost: async ({}, use) => {
    const host = await launchHost();
    await use(host);
    await host.stop();
  },
});

export { expect } from '@playwright/test';
