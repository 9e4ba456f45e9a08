// Authentication (/api/authentication): HMAC v1 over the raw body bytes, checked first when sent,
// else `Authorization: Bearer <signing_secret>`. The auth faults deviate here.
//
// Answers the docs leave open: a signature without x-chert-tenant is 401 / 2012 (the credentials
// are incomplete, so none are usable); a signature naming an unknown tenant is 401 / 2004 (it
// cannot be verified); a bearer token beside an unknown x-chert-tenant is 404 / 2001.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAX_SKEW_SECONDS, nowSeconds, parseSignatureHeader, type ParsedSignature } from '../domain/hmac.ts';
import type { Tenant } from '../config/settings.ts';
import { apiError, failed, ok, type Result } from './errors.ts';
import type { FaultName } from './faults.ts';

type Fault = FaultName | undefined;

export type Credentials = {
  authorization: string | undefined;
  signature: string | undefined;
  tenantSlug: string | undefined;
  method: string;
  /** The body exactly as received. */
  raw: Buffer;
};

type Verdict = 'valid' | 'malformed' | 'stale' | 'mismatch';

const EMPTY = Buffer.alloc(0);

function sameSecret(a: string, b: string, fault: Fault): boolean {
  // auth-bearer-case-insensitive: the token is lowercased before the comparison, like an email.
  const fold = (s: string) => (fault === 'auth-bearer-case-insensitive' ? s.toLowerCase() : s);
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

function skewVerdict(ageSeconds: number, method: string, fault: Fault): Verdict {
  if (fault === 'auth-skew-unchecked') return 'valid';
  // auth-skew-get-unchecked: the clock check sits in the body-verifying branch, which GETs skip.
  if (fault === 'auth-skew-get-unchecked' && method === 'GET') return 'valid';
  const window = fault === 'auth-skew-too-strict' ? 60 : MAX_SKEW_SECONDS;
  const off = fault === 'auth-skew-future-unchecked' ? ageSeconds : Math.abs(ageSeconds);
  return off > window ? 'stale' : 'valid';
}

/** Same order as verifySignature in src/domain/hmac.ts: shape, then bytes, then clock. */
function verify(secret: string, credentials: Credentials, fault: Fault, now: number): Verdict {
  const parsed = parseHeader(credentials.signature ?? '', fault);
  if (!parsed) return 'malformed';
  const body = signedBytes(credentials.raw, credentials.method, fault);
  const matches = digestMatches(secret, parsed, body, fault) || (fault === 'auth-hmac-ignores-body' && digestMatches(secret, parsed, EMPTY, fault));
  if (!matches) return 'mismatch';
  return skewVerdict(now - parsed.timestamp, credentials.method, fault);
}

function signed(credentials: Credentials, tenants: readonly Tenant[], fault: Fault, now: number): Result<Tenant> {
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
  const verdicts = secrets.map((secret) => verify(secret, credentials, fault, now));
  const verdict = verdicts.includes('valid') ? 'valid' : (verdicts[0] as Verdict);
  if (verdict === 'valid') return ok(tenant);
  if (verdict === 'stale') return failed(fault === 'auth-skew-wrong-code' ? apiError(2004) : apiError(2013));
  if (verdict === 'mismatch' && fault === 'secret-in-error') return failed(apiError(2004, expectedSignatureHint(tenant.secret, credentials)));
  return failed(apiError(2004, verdict === 'malformed' ? 'Malformed x-chert-signature; expected v1,<unix_seconds>,<hex>.' : 'Invalid signature.'));
}

/** secret-in-error: a debugging aid left on, naming the signature the server computed. */
function expectedSignatureHint(secret: string, credentials: Credentials): string {
  const parsed = parseSignatureHeader(credentials.signature ?? '');
  const timestamp = parsed?.timestamp ?? nowSeconds();
  return `Invalid signature: expected v1,${timestamp},${hmacHex(secret, timestamp, credentials.raw, undefined)}.`;
}

function bearer(credentials: Credentials, tenants: readonly Tenant[], fault: Fault): Result<Tenant> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(credentials.authorization ?? '')?.[1];
  if (token === undefined) return failed(apiError(2004, 'Invalid Authorization header; expected Bearer <signing_secret>.'));
  // auth-bearer-needs-tenant: the optional x-chert-tenant is required with a bearer token too.
  if (fault === 'auth-bearer-needs-tenant' && credentials.tenantSlug === undefined) return failed(apiError(2012, 'x-chert-tenant is required.'));
  const named = credentials.tenantSlug === undefined ? undefined : tenants.find((t) => t.slug === credentials.tenantSlug);
  if (credentials.tenantSlug !== undefined && !named) return failed(apiError(2001));
  // auth-bearer-accepts-any: the token's presence is checked, never its value.
  if (fault === 'auth-bearer-accepts-any') return ok(named ?? (tenants[0] as Tenant));
  const tenant = named ? (sameSecret(token, named.secret, fault) ? named : undefined) : tenants.find((t) => sameSecret(token, t.secret, fault));
  // bearer-token-echoed: the rejected token is quoted back, as a "helpful" error message would.
  const rejection = fault === 'bearer-token-echoed' ? `Invalid bearer token "${token}".` : 'Invalid bearer token.';
  return tenant ? ok(tenant) : failed(apiError(2004, rejection));
}

export function authenticate(credentials: Credentials, tenants: readonly Tenant[], fault: Fault, now = nowSeconds()): Result<Tenant> {
  const { signature, authorization } = credentials;
  if (fault === 'auth-bearer-before-signature' && signature !== undefined && authorization !== undefined) {
    const viaBearer = bearer(credentials, tenants, fault);
    if (viaBearer.ok) return viaBearer;
  }
  if (signature !== undefined) return signed(credentials, tenants, fault, now);
  if (authorization !== undefined) return bearer(credentials, tenants, fault);
  // auth-get-unauthenticated: the auth middleware is mounted on write routes only.
  if (fault === 'auth-get-unauthenticated' && credentials.method === 'GET') {
    return ok(tenants.find((t) => t.slug === credentials.tenantSlug) ?? (tenants[0] as Tenant));
  }
  return failed(fault === 'auth-missing-wrong-code' ? apiError(2004) : apiError(2012));
}
