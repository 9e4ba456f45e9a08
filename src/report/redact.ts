// The last guard before anything is written under reports/. The transport already redacts each
// exchange, but error messages and annotations come from test code, so every string of the
// report passes through here as well.

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
