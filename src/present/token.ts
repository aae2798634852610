import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A presenter token: 192 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Compares in constant time. Hashing both sides first gives equal lengths, so neither the
 * length nor any prefix of the token leaks through timing.
 */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The presenter's cookie name: cookies are shared by every port of a host, so the port is in it. */
export function cookieName(port: number): string {
  return `deck_live_${port}`;
}

/** One cookie's value from a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
