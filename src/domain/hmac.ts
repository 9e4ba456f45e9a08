// HMAC v1 request signing as documented at https://docs.trychert.com/api/authentication:
// hex(HMAC-SHA256(key = secret's ASCII bytes, message = "<unix_seconds>.<raw_body>")).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-chert-signature';
export const TENANT_HEADER = 'x-chert-tenant';
/** Largest clock difference, in seconds, the docs allow either way. */
export const MAX_SKEW_SECONDS = 300;

export type RawBody = string | Uint8Array;

function bodyBytes(body: RawBody): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
}

/** Lowercase hex digest over "<timestamp>.<raw body bytes>". */
export function signatureHex(secret: string, timestamp: number, body: RawBody): string {
  return createHmac('sha256', Buffer.from(secret, 'ascii'))
    .update(`${timestamp}.`)
    .update(bodyBytes(body))
    .digest('hex');
}

/** The full `x-chert-signature` header value: `v1,<unix_seconds>,<hex>`. */
export function signatureHeader(secret: string, body: RawBody, timestamp = nowSeconds()): string {
  return `v1,${timestamp},${signatureHex(secret, timestamp, body)}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export type ParsedSignature = { timestamp: number; hex: string };

/** Parses `v1,<unix_seconds>,<64 hex>`; anything else is malformed (null). */
export function parseSignatureHeader(value: string): ParsedSignature | null {
  const match = /^v1,(\d{1,12}),([0-9a-f]{64})$/.exec(value.trim());
  if (!match) return null;
  return { timestamp: Number(match[1]), hex: match[2] as string };
}

export type Verdict = 'valid' | 'malformed' | 'stale' | 'mismatch';

/**
 * Server-side check of a signature header against the raw body bytes. The byte check comes
 * before the clock check so that a stale but otherwise forged request is reported as forged.
 */
export function verifySignature(
  secret: string,
  header: string,
  body: RawBody,
  now = nowSeconds(),
): Verdict {
  const parsed = parseSignatureHeader(header);
  if (!parsed) return 'malformed';
  const expected = Buffer.from(signatureHex(secret, parsed.timestamp, body), 'hex');
  const given = Buffer.from(parsed.hex, 'hex');
  if (!timingSafeEqual(expected, given)) return 'mismatch';
  if (Math.abs(now - parsed.timestamp) > MAX_SKEW_SECONDS) return 'stale';
  return 'valid';
}
