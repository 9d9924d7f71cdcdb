import type * as Ccxt from 'ccxt';

/** The ccxt package as a module namespace (exchange classes, `pro`, error classes). */
export type CcxtModule = typeof Ccxt;

let loaded: CcxtModule | undefined;
let loading: Promise<CcxtModule> | undefined;

/**
 * The one place Vigil loads ccxt. ccxt takes 400-500 ms to load, so it is imported at the
 * point of use, only when a live exchange is used: replay, paper, scans, reports and every
 * CLI command that only talks to a running host never pay for it. Everything else imports
 * ccxt for its types only (`import type`); the lint config refuses a value import elsewhere.
 */
export function loadCcxt(): Promise<CcxtModule> {
  loading ??= import('ccxt').then(
    (module) => (loaded = module),
    (error: unknown) => {
      // A failed load is not cached: the next live connection tries again.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * ccxt when loadCcxt() has resolved, otherwise undefined. For synchronous code on the live
 * path (error classification): a ccxt error can only exist once ccxt is loaded.
 */
export function loadedCcxt(): CcxtModule | undefined {
  return loaded;
}
