// Auth checks for every operation, as data: each rejection class /api/authentication defines and
// the positive paths in both modes, mapped to the AUTH-* requirements. Pure: operations in, cases
// out; tests/generated/auth.spec.ts only loops over them.
import type { Operation } from '../operations.ts';
import { ANY_4XX, anyOf, AUTHENTICATED, mayBeAccepted, rejectedWith, spanning, type Expected } from '../../checks/expected.ts';

/** How a bearer token differs from the tenant's secret. */
export type TokenChange = 'one-char-changed' | 'truncated' | 'extra-char' | 'case-changed' | 'unrelated';
/** How a signature's hex differs from the right one. */
export type HexChange = 'first-digit' | 'last-digit' | 'truncated' | 'altered-tail' | 'upper-case-altered';
/** A signature header that is not `v1,<unix_seconds>,<hex>`. */
export type HeaderForm = 'version-v2' | 'no-timestamp' | 'non-numeric-timestamp' | 'no-version' | 'empty';
/** What the signature covers instead of the bytes sent. */
export type SignedOver = 'empty-body' | 'braces' | 'body-then-trailing-space';

export type AuthRequest =
  | { kind: 'none' }
  | { kind: 'bearer'; token: 'own' | TokenChange; scheme: string; tenantHeader: boolean }
  | {
      kind: 'hmac';
      /** Whose secret signs: the tenant's, the second tenant's, or one nobody holds. */
      secret: 'own' | 'other-tenant' | 'unrelated';
      tenantHeader: 'own' | 'absent' | 'unknown';
      skewSeconds: number;
      hex?: HexChange;
      header?: HeaderForm;
      signedOver?: SignedOver;
      /** A valid bearer token beside the signature. */
      bearerToo?: boolean;
    };

export type AuthCase = {
  operation: string;
  /** What is sent, as a title reads it. */
  rule: string;
  requirement: string;
  request: AuthRequest;
  expected: Expected;
  /** A positive case: the target must accept the credentials (skipped where sends are not allowed). */
  positive: boolean;
  /** Needs the second tenant (CHERT_TENANT_B). */
  needsTenantB: boolean;
};

/** Seconds off: beyond the documented 300 s with a margin for clock drift; and well inside it. */
export const SKEW_REJECTED = [-330, 330, -3_600, 3_600] as const;
export const SKEW_ACCEPTED = [-240, 240] as const;

const unauthorized = (...codes: number[]): Expected => rejectedWith(401, codes.length ? codes : undefined);
const signed = (extra: Partial<Extract<AuthRequest, { kind: 'hmac' }>> = {}): AuthRequest => ({ kind: 'hmac', secret: 'own', tenantHeader: 'own', skewSeconds: 0, ...extra });
const bearer = (token: 'own' | TokenChange, extra: Partial<Extract<AuthRequest, { kind: 'bearer' }>> = {}): AuthRequest => ({ kind: 'bearer', token, scheme: 'Bearer', tenantHeader: true, ...extra });

type Template = Omit<AuthCase, 'operation' | 'positive' | 'needsTenantB'> & { positive?: boolean; needsTenantB?: boolean; when?: (op: Operation) => boolean };

const hasBody = (op: Operation) => op.requestSchema !== undefined;
const bodyless = (op: Operation) => op.requestSchema === undefined;

const TOKEN_CHANGES: [TokenChange, string, Expected][] = [
  ['one-char-changed', 'a bearer token with one character changed', unauthorized(2004)],
  ['truncated', 'a bearer token missing its last character', unauthorized(2004)],
  ['extra-char', 'a bearer token with one character appended', unauthorized(2004)],
  // The secret is 32 hex characters: read as a hex value, its other letter case is the same token.
  ['case-changed', 'a bearer token in the other letter case', spanning(anyOf(unauthorized(2004), AUTHENTICATED), 'bearer-token-letter-case')],
  ['unrelated', 'a wrong bearer token', unauthorized(2004)],
];

/** A header that is not `Bearer <secret>` may be bad credentials, none, a bad request, or parsed leniently to the secret. */
const NOT_QUITE_BEARER = spanning(anyOf(unauthorized(2004, 2012), rejectedWith(400), AUTHENTICATED), 'bearer-header-lenient-parsing');

const HEX_CHANGES: [HexChange, string, Expected][] = [
  ['first-digit', 'a signature with its first hex digit changed', unauthorized(2004)],
  ['last-digit', 'a signature with its last hex digit changed', unauthorized(2004)],
  ['altered-tail', 'a signature with its last 8 hex digits changed', unauthorized(2004)],
  // Shorter or upper-case hex may be read as malformed: any 401.
  ['truncated', 'a signature truncated to 32 hex digits', unauthorized()],
  ['upper-case-altered', 'a signature in upper case with one digit changed', unauthorized()],
];

const HEADER_FORMS: [HeaderForm, string][] = [
  ['version-v2', 'a signature header with version v2'],
  ['no-timestamp', 'a signature header without a timestamp'],
  ['non-numeric-timestamp', 'a signature header with a non-numeric timestamp'],
  ['no-version', 'a signature header without a version'],
  ['empty', 'an empty signature header'],
];

function templates(): Template[] {
  return [
    { rule: 'no credentials', requirement: 'AUTH-MISSING', request: { kind: 'none' }, expected: unauthorized(2012) },
    ...TOKEN_CHANGES.map(([token, rule, expected]): Template => ({ rule, requirement: 'AUTH-BEARER-INVALID', request: bearer(token), expected })),
    { rule: 'the secret under the scheme word "Token"', requirement: 'AUTH-BEARER-INVALID', request: bearer('own', { scheme: 'Token' }), expected: NOT_QUITE_BEARER },
    { rule: 'the secret as "Token Bearer <secret>"', requirement: 'AUTH-BEARER-INVALID', request: bearer('own', { scheme: 'Token Bearer' }), expected: NOT_QUITE_BEARER },
    { rule: 'a signature made with a secret nobody holds', requirement: 'AUTH-HMAC-SIGNATURE-TAMPERED', request: signed({ secret: 'unrelated' }), expected: unauthorized(2004) },
    ...HEX_CHANGES.map(([hex, rule, expected]): Template => ({ rule, requirement: 'AUTH-HMAC-SIGNATURE-TAMPERED', request: signed({ hex }), expected })),
    ...HEADER_FORMS.map(([header, rule]): Template => ({ rule, requirement: 'AUTH-HMAC-MALFORMED', request: signed({ header }), expected: unauthorized() })),
    { rule: 'a signature over an empty body on a request with a body', requirement: 'AUTH-HMAC-BODY-TAMPERED', request: signed({ signedOver: 'empty-body' }), expected: unauthorized(2004), when: hasBody },
    { rule: 'a body with one byte appended after signing', requirement: 'AUTH-HMAC-BODY-TAMPERED', request: signed({ signedOver: 'body-then-trailing-space' }), expected: unauthorized(2004), when: hasBody },
    { rule: 'a bodyless request signed over "{}"', requirement: 'AUTH-HMAC-BODY-TAMPERED', request: signed({ signedOver: 'braces' }), expected: unauthorized(2004), when: bodyless },
    ...SKEW_REJECTED.map((skewSeconds): Template => ({
      rule: `a signature ${Math.abs(skewSeconds)} s ${skewSeconds < 0 ? 'old' : 'ahead'}`,
      requirement: 'AUTH-HMAC-SKEW-REJECTED',
      request: signed({ skewSeconds }),
      expected: unauthorized(2013),
    })),
    { rule: "a signature with the second tenant's secret under this tenant's header", requirement: 'AUTH-HMAC-TENANT-MISMATCH', request: signed({ secret: 'other-tenant' }), expected: ANY_4XX, needsTenantB: true },
    { rule: 'a signature without x-chert-tenant', requirement: 'AUTH-HMAC-TENANT-REQUIRED', request: signed({ tenantHeader: 'absent' }), expected: ANY_4XX },
    { rule: 'a signature naming an unknown tenant', requirement: 'AUTH-TENANT-UNKNOWN', request: signed({ tenantHeader: 'unknown' }), expected: anyOf(rejectedWith(401, 2004), rejectedWith(404, 2001)) },
    // The signature is checked first; whether a bad one falls back to the token the docs do not say.
    { rule: 'a bad signature beside a valid bearer token', requirement: 'AUTH-SIGNATURE-FIRST', request: signed({ hex: 'last-digit', bearerToo: true }), expected: spanning(anyOf(unauthorized(), AUTHENTICATED), 'signature-and-bearer-fallback') },
    // Positive paths, both modes.
    { rule: 'a bearer token with x-chert-tenant', requirement: 'AUTH-BEARER-VALID', request: bearer('own'), expected: AUTHENTICATED, positive: true },
    { rule: 'a bearer token without x-chert-tenant', requirement: 'AUTH-BEARER-VALID', request: bearer('own', { tenantHeader: false }), expected: AUTHENTICATED, positive: true },
    { rule: 'an HMAC v1 signature', requirement: 'AUTH-HMAC-VALID', request: signed(), expected: AUTHENTICATED, positive: true },
    ...SKEW_ACCEPTED.map((skewSeconds): Template => ({
      rule: `a signature ${Math.abs(skewSeconds)} s ${skewSeconds < 0 ? 'old' : 'ahead'}`,
      requirement: 'AUTH-HMAC-SKEW-ACCEPTED',
      request: signed({ skewSeconds }),
      expected: AUTHENTICATED,
      positive: true,
    })),
  ];
}

const usesMode = (request: AuthRequest, op: Operation) => request.kind === 'none' || op.authModes.includes(request.kind);

/** Every auth case of every operation that requires authentication. */
export function authCases(operations: readonly Operation[]): AuthCase[] {
  const all = templates();
  return operations
    .filter((op) => op.authModes.length > 0)
    .flatMap((op) =>
      all
        .filter((t) => (t.when?.(op) ?? true) && usesMode(t.request, op))
        .map(({ when: _when, ...t }) => ({ ...t, operation: op.operationId, positive: t.positive ?? false, needsTenantB: t.needsTenantB ?? false })),
    );
}

/**
 * Could the target take this case's credentials (a positive, or a near miss a lenient reading
 * accepts)? Then, on a live tenant, a body it carries may be delivered: only to a resource that
 * does not exist in the safe profile.
 */
export function mayAuthenticate(c: AuthCase): boolean {
  return c.positive || mayBeAccepted(c.expected);
}

/** Unique per operation: the operationId, what is sent, what must come back, the requirement tag. */
export function authCaseTitle(c: AuthCase, describe: (e: Expected) => string): string {
  const want = c.positive ? 'is accepted' : `returns ${describe(c.expected)}`;
  return `${c.operation}: ${c.rule} ${want} @${c.requirement}`;
}

// --- the changes, as pure functions over strings -------------------------------------------------

const otherHexDigit = (c: string) => (c === '0' ? '1' : '0');

/** The token a TokenChange sends in place of the secret; undefined when the change is a no-op for it. */
export function changedToken(secret: string, change: TokenChange): string | undefined {
  const changed = (() => {
    switch (change) {
      case 'one-char-changed':
        return secret.slice(0, -1) + otherHexDigit(secret.at(-1) ?? '');
      case 'truncated':
        return secret.slice(0, -1);
      case 'extra-char':
        return `${secret}0`;
      case 'case-changed':
        return [...secret].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
      case 'unrelated':
        return secret === 'deadbeef'.repeat(4) ? 'feedface'.repeat(4) : 'deadbeef'.repeat(4);
    }
  })();
  return changed === secret || changed === '' ? undefined : changed;
}

/** The hex a HexChange sends in place of the right one (always differs from it). */
export function changedHex(hex: string, change: HexChange): string {
  const flip = (at: number) => hex.slice(0, at) + otherHexDigit(hex[at] as string) + hex.slice(at + 1);
  switch (change) {
    case 'first-digit':
      return flip(0);
    case 'last-digit':
      return flip(hex.length - 1);
    case 'truncated':
      return hex.slice(0, 32);
    case 'altered-tail':
      return hex.slice(0, -8) + [...hex.slice(-8)].map(otherHexDigit).join('');
    case 'upper-case-altered':
      return flip(10).toUpperCase();
  }
}

/** A signature header value rewritten into a malformed form. */
export function malformedHeader(signed: string, form: HeaderForm): string {
  const [, timestamp = '', hex = ''] = signed.split(',');
  switch (form) {
    case 'version-v2':
      return `v2,${timestamp},${hex}`;
    case 'no-timestamp':
      return `v1,${hex}`;
    case 'non-numeric-timestamp':
      return `v1,now,${hex}`;
    case 'no-version':
      return `${timestamp},${hex}`;
    case 'empty':
      return '';
  }
}
