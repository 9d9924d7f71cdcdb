/** Where a worker thread's code is, and how Node must start it. */
export interface WorkerEntry {
  readonly url: URL;
  readonly execArgv: readonly string[];
}

/**
 * Resolves a worker entry next to the calling module. From TypeScript sources (tsx, vitest)
 * it is the .ts file run through tsx's loader; from the CLI bundle (out/cli, ESM .mjs) and the
 * Electron main bundle (out/main, CommonJS .cjs) it is the sibling entry the build emits.
 */
export function siblingWorkerEntry(
  here: string,
  sourceFile: string,
  bundleName: string,
): WorkerEntry {
  if (here.endsWith('.ts'))
    return { url: new URL(`./${sourceFile}`, here), execArgv: ['--import', 'tsx'] };
  const ext = here.endsWith('.cjs') ? 'cjs' : 'mjs';
  return { url: new URL(`./${bundleName}.${ext}`, here), execArgv: [] };
}
