/** The trade-only key the live crash test's exchange knows. */
export const LIVE_CRASH_KEY = {
  apiKey: 'vigilCrashKey001',
  secret: 'local-binance-crash-secret',
} as const;

/** IPC between the live crash child and the parent that runs the exchange. */
export type LiveCrashMessage =
  | { readonly kind: 'move'; readonly step: number }
  | { readonly kind: 'moved'; readonly step: number };
