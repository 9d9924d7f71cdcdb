/**
 * '…' and the last 4 characters of a secret: enough to tell two apart, useless to anyone else.
 * What every status, audit record and CLI line shows of a key, token or webhook URL.
 */
export function maskTail(secret: string): string {
  return `…${secret.slice(-4)}`;
}
