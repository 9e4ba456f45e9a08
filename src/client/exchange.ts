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
  if (text.length <= MAX_BODY_CHARS) return text;
  // A copy, not a slice: V8 keeps a slice's whole parent alive, and the parent may be a body of
  // several MB (up to CHERT_MAX_BODY_BYTES) that every recorded exchange would then hold.
  const head = Buffer.from(text.slice(0, MAX_BODY_CHARS), 'utf8').toString('utf8');
  return `${head}… (${text.length} characters)`;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A curl reproducer naming secrets only by variable. An HMAC request is re-signed with a fresh
 * timestamp by openssl, since the recorded signature has expired (and is never written down).
 */
/** Every header line of a request, a repeated header once per value. */
function headerLines(req: WireRequest): [string, string][] {
  return Object.entries(req.headers).flatMap(([name, value]) => [[name, value] as [string, string], ...(req.repeatedHeaders?.[name] ?? []).map((v): [string, string] => [name, v])]);
}

export function curlFor(req: WireRequest, secretVariable = 'CHERT_SIGNING_SECRET'): string {
  const body = req.body?.toString('utf8');
  const lines: string[] = [];
  const headers = headerLines(req).filter(([name]) => name.toLowerCase() !== 'content-length');
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

/** The body as recorded: clipped, and marked when the transport cut it at the cap. */
function recordedBody(res: WireResponse): string {
  const cut = res.truncated ? ` (truncated: the body was longer than ${res.truncated.cap} bytes, CHERT_MAX_BODY_BYTES)` : '';
  return clip(res.text) + cut;
}

/**
 * The record of an exchange, redacted and with its reproducer, built only when read: nearly every
 * exchange of a passing test is never looked at. Holds the request and the clipped answer meanwhile.
 */
export function recordExchangeLazily(req: WireRequest, res: WireResponse | null, secrets: readonly Secret[], error?: string, secretVariable?: string): Exchange {
  const kept = res && { ...res, text: recordedBody(res), truncated: undefined };
  let built: Exchange | undefined;
  const full = () => (built ??= recordExchange(req, kept, secrets, error, secretVariable, true));
  const lazy = (key: 'request' | 'response' | 'curl') => ({ enumerable: true, get: () => full()[key] });
  const record = Object.defineProperties({}, { request: lazy('request'), response: lazy('response'), curl: lazy('curl') });
  if (error !== undefined) Object.defineProperty(record, 'error', { enumerable: true, value: error });
  return record as Exchange;
}

/** The request's headers as recorded, redacted; a repeated header's values joined, each redacted alone. */
function recordedHeaders(req: WireRequest, secrets: readonly Secret[]): Record<string, string> {
  const out = redactHeaders(req.headers, secrets);
  for (const [name, values] of Object.entries(req.repeatedHeaders ?? {})) {
    out[name] = [out[name], ...values.map((v) => redactHeaders({ [name]: v }, secrets)[name])].filter((v) => v !== undefined).join(', ');
  }
  return out;
}

export function recordExchange(
  req: WireRequest,
  res: WireResponse | null,
  secrets: readonly Secret[],
  error?: string,
  secretVariable?: string,
  bodyRecorded = false,
): Exchange {
  const body = req.body === undefined ? null : clip(req.body.toString('utf8'));
  return {
    request: {
      method: req.method,
      url: req.url,
      headers: recordedHeaders(req, secrets),
      body: body === null ? null : redactString(body, secrets),
    },
    response: res && { status: res.status, headers: redactHeaders(res.headers, secrets), body: redactString(bodyRecorded ? res.text : recordedBody(res), secrets) },
    ...(error === undefined ? {} : { error }),
    curl: redactString(curlFor(req, secretVariable), secrets),
  };
}
