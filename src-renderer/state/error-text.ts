/** The message of anything thrown by a contract call, for a toast or a panel. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
