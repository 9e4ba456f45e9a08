// The one redaction module: secrets and signatures never leave the process. The transport
// redacts each exchange it records; the reporter passes every string of a report through here
// once more, since error messages and annotations come from test code.

export type Secret = { value: string; variable: string };

/** An HMAC-SHA256 hex digest; no word boundary, so one glued to other text is caught too. */
const SIGNATURE = /[0-9a-f]{64}/gi;
/** Shorter "secrets" would redact ordinary text; settings demand far longer ones anyway. */
const MIN_SECRET_LENGTH = 8;

/** The signing secrets of this run, each with the variable a reader should use instead. */
export function knownSecrets(env: Record<string, string | undefined>, extra: Secret[] = []): Secret[] {
  const fromEnv = ['CHERT_SIGNING_SECRET', 'CHERT_SIGNING_SECRET_B'].map((variable) => ({ variable, value: env[variable] ?? '' }));
  return [...fromEnv, ...extra]
    .filter((s) => s.value.trim().length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.value.length - a.value.length);
}

export function redactString(text: string, secrets: readonly Secret[]): string {
  let out = text;
  for (const { value, variable } of secrets) out = out.split(value).join(`$${variable}`);
  return out.replace(SIGNATURE, '<signature>');
}

/** A copy of a JSON-like value with every string (keys included) redacted. */
export function redactDeep<T>(value: T, secrets: readonly Secret[]): T {
  return walk(value, secrets) as T;
}

function walk(value: unknown, secrets: readonly Secret[]): unknown {
  if (typeof value === 'string') return redactString(value, secrets);
  if (Array.isArray(value)) return value.map((v) => walk(v, secrets));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactString(k, secrets), walk(v, secrets)]));
  }
  return value;
}

/** The secrets of the configured tenants, each named by its variable. */
export function tenantSecrets(tenants: { secret: string }[]): Secret[] {
  return knownSecrets({}, tenants.map((t, i) => ({ value: t.secret, variable: i === 0 ? 'CHERT_SIGNING_SECRET' : 'CHERT_SIGNING_SECRET_B' })));
}

/** Headers with credentials replaced: the bearer token and the signature hex never appear. */
export function redactHeaders(headers: Record<string, string>, secrets: readonly Secret[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') out[name] = value.replace(/^(\S+\s+)?.*$/, (_m, scheme: string | undefined) => `${scheme ?? ''}$CHERT_SIGNING_SECRET`);
    else if (lower === 'x-chert-signature') out[name] = value.replace(/^([^,]*,[^,]*,).*$/, '$1<signature>');
    else out[name] = redactString(value, secrets);
  }
  return out;
}
