/** A panic condition that must halt trading now. */
export interface PanicAlarm {
  readonly detector: 'stale-quotes' | 'spread' | 'slippage' | 'error-cascade';
  readonly reason: string;
  readonly numbers: Readonly<Record<string, number>>;
}
