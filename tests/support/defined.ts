/** Narrows away null/undefined in tests, failing with a message instead of a `!` assertion. */
export function defined<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what} to be defined`);
  return value;
}
