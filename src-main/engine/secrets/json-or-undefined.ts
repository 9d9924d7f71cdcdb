/** A keychain entry's JSON, or undefined when it is not JSON (then its schema check fails). */
export function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
