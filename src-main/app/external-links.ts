/**
 * Sites a link in the cockpit may open in the system browser: the exchanges Vigil trades on
 * and their API documentation, and the chart library's attribution page. Vigil has no hosted documentation of its own (its docs ship in
 * the README), so none is listed. A host matches exactly or as a subdomain.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'binance.com',
  'binance-docs.github.io',
  'developers.binance.com',
  'bybit.com',
  'bybit-exchange.github.io',
  'okx.com',
  'kraken.com',
  'docs.kraken.com',
  'coinbase.com',
  'docs.cdp.coinbase.com',
  // The charts' attribution link, which lightweight-charts' license asks us to show.
  'tradingview.com',
];

export type LinkDecision =
  | { readonly kind: 'ask'; readonly url: string; readonly host: string }
  | { readonly kind: 'refuse'; readonly reason: string };

/**
 * What to do with a link the page tries to open: never inside our process; in the system
 * browser only for https on an allowed host, without credentials in the URL, and only after
 * the trader says yes (the caller asks).
 */
export function decideExternalLink(
  raw: string,
  hosts: readonly string[] = EXTERNAL_LINK_HOSTS,
): LinkDecision {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: 'refuse', reason: `not a URL: ${raw.slice(0, 200)}` };
  }
  if (url.protocol !== 'https:') return { kind: 'refuse', reason: `not https: ${url.protocol}` };
  if (url.username !== '' || url.password !== '')
    return { kind: 'refuse', reason: 'the link carries credentials' };
  const host = url.hostname.toLowerCase();
  const allowed = hosts.some((h) => host === h || host.endsWith(`.${h}`));
  if (!allowed)
    return { kind: 'refuse', reason: `${host} is not an exchange or documentation site` };
  return { kind: 'ask', url: url.href, host };
}
