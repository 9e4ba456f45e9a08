// Responses never carry secret material (RESP-NO-SECRETS): a pure check over one raw exchange,
// and a transport wrapper that runs it on every exchange a test or a property sends. Material is
// the signing secrets, the bearer token the request sent, the signature it sent, and digests of
// the secrets over the request (the signature the server expected, HMACs of the body, the
// secret's SHA-256), in hex and base64.
import { createHash, createHmac } from 'node:crypto';
import { SIGNATURE_HEADER } from '../domain/hmac.ts';
import type { WireRequest, WireResponse } from './wire.ts';

export type Material = { label: string; value: string };
export type Leak = { label: string; where: string; method: string; url: string; status: number };

/** Shorter values would match ordinary text; every real secret and digest is far longer. */
const MIN_MATERIAL = 16;

function macs(label: string, key: string, message: Buffer | string): Material[] {
  const mac = createHmac('sha256', Buffer.from(key, 'ascii')).update(message).digest();
  return [
    { label: `${label} (hex)`, value: mac.toString('hex') },
    { label: `${label} (base64)`, value: mac.toString('base64') },
  ];
}

/** Everything secret this request could make a careless server write back; `digests` false leaves out every digest (see findLeaks). */
export function secretMaterial(request: WireRequest, secrets: readonly string[], digests = true): Material[] {
  const body = request.body ?? Buffer.alloc(0);
  const signature = request.headers[SIGNATURE_HEADER] ?? '';
  const [, timestamp, hex] = signature.split(',');
  const token = /^\S+\s+(\S+)/.exec(request.headers.authorization ?? '')?.[1];
  const material: Material[] = [];
  secrets.forEach((secret, i) => {
    const who = `signing secret ${i + 1}`;
    material.push({ label: who, value: secret });
    if (!digests) return;
    material.push({ label: `SHA-256 of ${who}`, value: sha256Hex(secret) });
    material.push(...macs(`HMAC of the body under ${who}`, secret, body));
    if (timestamp && /^\d+$/.test(timestamp)) material.push(...macs(`signature expected under ${who}`, secret, Buffer.concat([Buffer.from(`${timestamp}.`), body])));
  });
  if (token) material.push({ label: 'the bearer token sent', value: token });
  if (hex && digests) material.push({ label: 'the signature sent', value: hex });
  return material.filter((m) => m.value.length >= MIN_MATERIAL);
}

const sha256s = new Map<string, string>();

/** A secret's SHA-256 never changes: computed once per secret. */
function sha256Hex(secret: string): string {
  let digest = sha256s.get(secret);
  if (digest === undefined) {
    digest = createHash('sha256').update(secret).digest('hex');
    sha256s.set(secret, digest);
  }
  return digest;
}

/**
 * A run of 43 characters of the base64 alphabet (lowercased, as the places are): every digest
 * above is 64 hex or 44 base64 characters, so text without such a run holds none of them.
 */
const DIGEST_SIZED = /[a-z0-9+/]{43}/;

/**
 * Where in the response each piece of material appears, in any letter case. The digests (six
 * HMACs and hashes per request) are computed only when some place holds a run long enough to be
 * one: nearly every answer holds none, and they were most of the scan's cost.
 */
export function findLeaks(request: WireRequest, response: WireResponse, secrets: readonly string[]): Leak[] {
  const places: [string, string][] = [
    ['body', response.text.toLowerCase()],
    ...Object.entries(response.headers).map(([name, value]): [string, string] => [`header ${name}`, `${name}: ${value}`.toLowerCase()]),
  ];
  const digests = places.some(([, text]) => DIGEST_SIZED.test(text));
  const leaks: Leak[] = [];
  for (const { label, value } of secretMaterial(request, secrets, digests)) {
    const needle = value.toLowerCase();
    for (const [where, text] of places) {
      if (text.includes(needle)) leaks.push({ label, where, method: request.method, url: request.url, status: response.status });
    }
  }
  return leaks;
}

export type LeakSink<Q extends WireRequest = WireRequest, A extends WireResponse = WireResponse> = (leak: Leak, request: Q, response: A) => void;

/** The transport, with every answer scanned before the client sees it. */
export function scanningTransport<Q extends WireRequest, A extends WireResponse>(inner: (request: Q) => Promise<A>, secrets: readonly string[], sink: LeakSink<Q, A>): (request: Q) => Promise<A> {
  return async (request) => {
    const response = await inner(request);
    for (const leak of findLeaks(request, response, secrets)) sink(leak, request, response);
    return response;
  };
}

/** One line per leak, naming what leaked and where, never the material itself. */
export function describeLeak(leak: Leak): string {
  return `${leak.method} ${leak.url} → HTTP ${leak.status}: its ${leak.where} holds ${leak.label}`;
}
