// A recorded request/response pair, redacted, with a curl line that reproduces it.
import { redactHeaders, redactString, type Secret } from './redact.ts';
import type { WireRequest, WireResponse } from './transport.ts';

export type Exchange = {
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  response: { status: number; headers: Record<string, string>; body: string } | null;
  /** What went wrong when there was no response. */
  error?: string;
  curl: string;
};

const MAX_BODY_CHARS = 4000;

function clip(text: string): string {
  return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}… (${text.length} characters)` : text;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A curl reproducer naming secrets only by variable. An HMAC request is re-signed with a fresh
 * timestamp by openssl, since the recorded signature has expired (and is never written down).
 */
export function curlFor(req: WireRequest, secretVariable = 'CHERT_SIGNING_SECRET'): string {
  const body = req.body?.toString('utf8');
  const lines: string[] = [];
  const headers = Object.entries(req.headers).filter(([name]) => name.toLowerCase() !== 'content-length');
  const signed = headers.some(([name]) => name.toLowerCase() === 'x-chert-signature');
  if (signed) {
    lines.push(`BODY=${shellQuote(body ?? '')}`);
    lines.push('TS=$(date +%s)');
    lines.push(`SIG=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$${secretVariable}" | sed 's/^.* //')`);
  }
  const parts = [`curl -sS -X ${req.method} ${shellQuote(req.url)}`];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') parts.push(`-H "${name}: Bearer $${secretVariable}"`);
    else if (lower === 'x-chert-signature') parts.push(`-H "${name}: v1,$TS,$SIG"`);
    else parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (body !== undefined) parts.push(signed ? '--data-binary "$BODY"' : `--data-binary ${shellQuote(clip(body))}`);
  lines.push(parts.join(' \\\n  '));
  return lines.join('\n');
}

export function recordExchange(
  req: WireRequest,
  res: WireResponse | null,
  secrets: readonly Secret[],
  error?: string,
  secretVariable?: string,
): Exchange {
  const body = req.body === undefined ? null : clip(req.body.toString('utf8'));
  return {
    request: {
      method: req.method,
      url: req.url,
      headers: redactHeaders(req.headers, secrets),
      body: body === null ? null : redactString(body, secrets),
    },
    response: res && { status: res.status, headers: redactHeaders(res.headers, secrets), body: redactString(clip(res.text), secrets) },
    ...(error === undefined ? {} : { error }),
    curl: redactString(curlFor(req, secretVariable), secrets),
  };
}
