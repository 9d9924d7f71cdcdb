import type { ExchangeCredentials } from '../market/ccxt-exchange';

/** Defence in depth: no message leaves here with a credential in it, whatever ccxt wrote. */
export function redact(text: string, credentials: ExchangeCredentials): string {
  let out = text;
  for (const value of [credentials.apiKey, credentials.secret, credentials.password]) {
    if (value !== undefined && value.length >= 4) out = out.split(value).join('[redacted]');
  }
  return out;
}
