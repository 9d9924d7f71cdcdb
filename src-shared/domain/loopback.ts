/**
 * Whether a URL's hostname is a loopback address (127.0.0.0/8 or [::1]). A name such as
 * `localhost` is not: a name can resolve anywhere.
 */
export function isLoopbackAddress(hostname: string): boolean {
  return hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
