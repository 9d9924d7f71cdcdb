import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'vigil_token';

/** 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameToken(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return rest.join('=');
  }
  return undefined;
}

/** Where the token came from, if it matched: the URL (first visit) or the session cookie. */
export function authenticate(
  request: IncomingMessage,
  url: URL,
  token: string,
): 'query' | 'cookie' | null {
  if (sameToken(token, url.searchParams.get('token') ?? undefined)) return 'query';
  if (sameToken(token, cookieToken(request))) return 'cookie';
  return null;
}

/**
 * Only loopback names are acceptable Host headers; anything else is a DNS-rebinding attempt
 * from a web page pointing a hostile name at 127.0.0.1.
 */
export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

/** Browsers always send Origin on WebSocket upgrades; a foreign one is refused. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true; // non-browser clients (CLI, tests) still need the token
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}
