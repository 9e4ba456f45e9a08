// Secrets and signatures never leave the process: every recorded exchange passes through here.

/** Replaces each secret (and any HMAC signature hex) wherever it appears in the text. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('$CHERT_SIGNING_SECRET');
  }
  return out.replace(/\b[0-9a-f]{64}\b/gi, '<signature>');
}

export function redactHeaders(headers: Record<string, string>, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') out[name] = value.replace(/^(\S+\s+)?.*$/, (_m, scheme: string | undefined) => `${scheme ?? ''}$CHERT_SIGNING_SECRET`);
    else if (lower === 'x-chert-signature') out[name] = value.replace(/^([^,]*,[^,]*,).*$/, '$1<signature>');
    else out[name] = redactText(value, secrets);
  }
  return out;
}
