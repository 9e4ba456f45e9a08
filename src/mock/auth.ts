// Authentication (/api/authentication): HMAC v1 over the raw body bytes, checked first when sent,
// else `Authorization: Bearer <signing_secret>`. The auth faults deviate here.
//
// Answers the docs leave open: a signature without x-chert-tenant is 401 / 2012 (the credentials
// are incomplete, so none are usable); a signature naming an unknown tenant is 401 / 2004 (it
// cannot be verified). The open choices of specs/open-choices.yaml (signature-replay,
// signature-and-bearer-fallback, bearer-token-letter-case, bearer-header-lenient-parsing,
// bearer-with-other-tenant-header, skew-boundary) follow the mock's readings.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAX_SKEW_SECONDS, nowSeconds, parseSignatureHeader, type ParsedSignature } from '../domain/hmac.ts';
import type { Tenant } from '../config/settings.ts';
import { apiError, failed, ok, type Result } from './errors.ts';
import type { FaultName } from './faults.ts';
import { BoundedMap } from './bounded-map.ts';
import { DEFAULT_READINGS, type MockReadings } from './readings.ts';

type Fault = FaultName | undefined;

/** Requests already seen with their signature (signature-replay: reuse-refused), and when. */
export class SeenSignatures {
  private readonly seen = new BoundedMap<string, number>(100_000);

  /** True when this request (tenant, method, path, signature) came before within the window. */
  repeat(key: string, now: number): boolean {
    const at = this.seen.get(key);
    if (at !== undefined && now - at <= MAX_SKEW_SECONDS) return true;
    this.seen.set(key, now);
    return false;
  }
}

/** What the open choices of authentication read, and the memory one of them needs. */
export type AuthReadings = { readings: MockReadings; seen?: SeenSignatures };

const DEFAULT_AUTH: AuthReadings = { readings: DEFAULT_READINGS };

export type Credentials = {
  authorization: string | undefined;
  signature: string | undefined;
  tenantSlug: string | undefined;
  method: string;
  /** The request's path and query, as sent. */
  path?: string;
  /** The body exactly as received. */
  raw: Buffer;
};

type Verdict = 'valid' | 'malformed' | 'stale' | 'mismatch';

const EMPTY = Buffer.alloc(0);

function sameSecret(a: string, b: string, fault: Fault, readings: MockReadings): boolean {
  // bearer-token-letter-case hex-value: the secret is a hex value, whatever the letter case.
  const fold = (s: string) => (readings.is('bearer-token-letter-case', 'hex-value') ? s.toLowerCase() : s);
  const left = Buffer.from(fold(a));
  const right = Buffer.from(fold(b));
  // timingSafeEqual throws on unequal lengths; a secret's length is no secret.
  return left.length === right.length && timingSafeEqual(left, right);
}

function hmacHex(secret: string, timestamp: number, body: Buffer, fault: Fault): string {
  // The docs key the HMAC with the secret's ASCII bytes; auth-hex-decoded-key decodes it as hex.
  const key = Buffer.from(secret, fault === 'auth-hex-decoded-key' ? 'hex' : 'ascii');
  return createHmac('sha256', key).update(`${timestamp}.`).update(body).digest('hex');
}

/** The bytes the signature must cover: the raw body, except where a fault signs something else. */
function signedBytes(raw: Buffer, method: string, fault: Fault): Buffer {
  if (fault === 'auth-hmac-reserialized') {
    try {
      return Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))));
    } catch {
      return raw;
    }
  }
  if (fault === 'history-signed-over-braces' && method === 'GET' && raw.length === 0) return Buffer.from('{}');
  return raw;
}

function digestMatches(secret: string, parsed: ParsedSignature, body: Buffer, fault: Fault): boolean {
  const expected = hmacHex(secret, parsed.timestamp, body, fault);
  if (fault === 'auth-hmac-prefix-compare') return expected.slice(0, 16) === parsed.hex.slice(0, 16);
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(parsed.hex, 'hex'));
}

function parseHeader(header: string, fault: Fault): ParsedSignature | null {
  // auth-hmac-prefix-compare's parser takes any hex of 16 characters or more.
  if (fault === 'auth-hmac-prefix-compare') {
    const match = /^v1,(\d{1,12}),([0-9a-f]{16,64})$/.exec(header.trim());
    return match ? { timestamp: Number(match[1]), hex: match[2] as string } : null;
  }
  const parsed = parseSignatureHeader(header);
  // auth-malformed-500: a hand-rolled parser that trusts the header's shape throws on anything else.
  if (!parsed && fault === 'auth-malformed-500') throw new TypeError(`Cannot destructure signature header "${header}"`);
  return parsed;
}

function skewVerdict(ageSeconds: number, method: string, fault: Fault, readings: MockReadings): Verdict {
  if (fault === 'auth-skew-unchecked') return 'valid';
  // auth-skew-get-unchecked: the clock check sits in the body-verifying branch, which GETs skip.
  if (fault === 'auth-skew-get-unchecked' && method === 'GET') return 'valid';
  const window = fault === 'auth-skew-too-strict' ? 60 : MAX_SKEW_SECONDS;
  const off = fault === 'auth-skew-future-unchecked' ? ageSeconds : Math.abs(ageSeconds);
  // skew-boundary: "more than 5 minutes" read inclusively (300 s passes) or not.
  const outside = readings.is('skew-boundary', 'exclusive') ? off >= window : off > window;
  return outside ? 'stale' : 'valid';
}

/** Same order as verifySignature in src/domain/hmac.ts: shape, then bytes, then clock. */
function verify(secret: string, credentials: Credentials, fault: Fault, now: number, readings: MockReadings): Verdict {
  const parsed = parseHeader(credentials.signature ?? '', fault);
  if (!parsed) return 'malformed';
  const body = signedBytes(credentials.raw, credentials.method, fault);
  const matches = digestMatches(secret, parsed, body, fault) || (fault === 'auth-hmac-ignores-body' && digestMatches(secret, parsed, EMPTY, fault));
  if (!matches) return 'mismatch';
  return skewVerdict(now - parsed.timestamp, credentials.method, fault, readings);
}

function signed(credentials: Credentials, tenants: readonly Tenant[], fault: Fault, now: number, open: AuthReadings): Result<Tenant> {
  const { tenantSlug } = credentials;
  if (tenantSlug === undefined && fault !== 'auth-tenant-optional') {
    return failed(apiError(2012, 'x-chert-tenant is required with x-chert-signature.'));
  }
  const tenant = tenantSlug === undefined ? tenants[0] : tenants.find((t) => t.slug === tenantSlug);
  // auth-unknown-tenant-500: the lookup's miss is not handled, and reading its secret throws.
  if (!tenant && fault === 'auth-unknown-tenant-500') throw new TypeError("Cannot read properties of undefined (reading 'secret')");
  if (!tenant) return failed(apiError(2004, 'Invalid signature: unknown tenant.'));
  // auth-tenant-mismatch: any tenant's secret verifies, yet the request acts as the header's tenant.
  const secrets = fault === 'auth-tenant-mismatch' ? tenants.map((t) => t.secret) : [tenant.secret];
  const verdicts = secrets.map((secret) => verify(secret, credentials, fault, now, open.readings));
  const verdict = verdicts.includes('valid') ? 'valid' : (verdicts[0] as Verdict);
  if (verdict === 'valid') return replayed(credentials, tenant, now, open) ? failed(apiError(2004, 'This signature was already used; sign each request afresh.')) : ok(tenant);
  if (verdict === 'stale') return failed(fault === 'auth-skew-wrong-code' ? apiError(2004) : apiError(2013));
  if (verdict === 'mismatch' && fault === 'secret-in-error') return failed(apiError(2004, expectedSignatureHint(tenant.secret, credentials)));
  return failed(apiError(2004, verdict === 'malformed' ? 'Malformed x-chert-signature; expected v1,<unix_seconds>,<hex>.' : 'Invalid signature.'));
}

/** signature-replay reuse-refused: a request repeating one seen before with the same signature. */
function replayed(credentials: Credentials, tenant: Tenant, now: number, open: AuthReadings): boolean {
  if (!open.seen || !open.readings.is('signature-replay', 'reuse-refused')) return false;
  return open.seen.repeat(`${tenant.slug} ${credentials.method} ${credentials.path ?? ''} ${credentials.signature ?? ''}`, now);
}

/** secret-in-error: a debugging aid left on, naming the signature the server computed. */
function expectedSignatureHint(secret: string, credentials: Credentials): string {
  const parsed = parseSignatureHeader(credentials.signature ?? '');
  const timestamp = parsed?.timestamp ?? nowSeconds();
  return `Invalid signature: expected v1,${timestamp},${hmacHex(secret, timestamp, credentials.raw, undefined)}.`;
}

/** The token of an Authorization header, or undefined when it is not `Bearer <token>` (bearer-header-lenient-parsing). */
function bearerToken(header: string, readings: MockReadings): string | undefined {
  const strict = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (strict !== undefined || !readings.is('bearer-header-lenient-parsing', 'first-token')) return strict;
  // first-token: the first word after a Bearer scheme, else the header's last word.
  const words = header.trim().split(/\s+/);
  return /^bearer$/i.test(words[0] ?? '') ? words[1] : words.at(-1);
}

function bearer(credentials: Credentials, tenants: readonly Tenant[], fault: Fault, readings: MockReadings): Result<Tenant> {
  const token = bearerToken(credentials.authorization ?? '', readings);
  if (token === undefined || token === '') {
    const malformed = 'Invalid Authorization header; expected Bearer <signing_secret>.';
    return failed(readings.is('bearer-header-lenient-parsing', 'refused-400') ? apiError(1002, malformed) : apiError(2004, malformed));
  }
  // auth-bearer-needs-tenant: the optional x-chert-tenant is required with a bearer token too.
  if (fault === 'auth-bearer-needs-tenant' && credentials.tenantSlug === undefined) return failed(apiError(2012, 'x-chert-tenant is required.'));
  // bearer-with-other-tenant-header: the header names the tenant (unknown-404), or the token alone does.
  const headerIgnored = readings.is('bearer-with-other-tenant-header', 'header-ignored');
  const slug = headerIgnored ? undefined : credentials.tenantSlug;
  const named = slug === undefined ? undefined : tenants.find((t) => t.slug === slug);
  if (slug !== undefined && !named) return failed(readings.is('bearer-with-other-tenant-header', 'mismatch-401') ? apiError(2004) : apiError(2001));
  // auth-bearer-accepts-any: the token's presence is checked, never its value.
  if (fault === 'auth-bearer-accepts-any') return ok(named ?? (tenants[0] as Tenant));
  const tenant = named ? (sameSecret(token, named.secret, fault, readings) ? named : undefined) : tenants.find((t) => sameSecret(token, t.secret, fault, readings));
  // bearer-token-echoed: the rejected token is quoted back, as a "helpful" error message would.
  const rejection = fault === 'bearer-token-echoed' ? `Invalid bearer token "${token}".` : 'Invalid bearer token.';
  return tenant ? ok(tenant) : failed(apiError(2004, rejection));
}

export function authenticate(credentials: Credentials, tenants: readonly Tenant[], fault: Fault, now = nowSeconds(), open: AuthReadings = DEFAULT_AUTH): Result<Tenant> {
  const { signature, authorization } = credentials;
  // auth-both-headers-500: the middleware assumes one credential and trips over two.
  if (fault === 'auth-both-headers-500' && signature !== undefined && authorization !== undefined) throw new TypeError('Cannot read properties of undefined (reading "scheme")');
  if (signature !== undefined) {
    const viaSignature = signed(credentials, tenants, fault, now, open);
    // signature-and-bearer-fallback: checked first, then the token is tried.
    const fallback = !viaSignature.ok && authorization !== undefined && open.readings.is('signature-and-bearer-fallback', 'fallback');
    return fallback ? bearer(credentials, tenants, fault, open.readings) : viaSignature;
  }
  if (authorization !== undefined) return bearer(credentials, tenants, fault, open.readings);
  // auth-get-unauthenticated: the auth middleware is mounted on write routes only.
  if (fault === 'auth-get-unauthenticated' && credentials.method === 'GET') {
    return ok(tenants.find((t) => t.slug === credentials.tenantSlug) ?? (tenants[0] as Tenant));
  }
  return failed(fault === 'auth-missing-wrong-code' ? apiError(2004) : apiError(2012));
}
