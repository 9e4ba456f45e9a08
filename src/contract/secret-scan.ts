// Responses never carry secret material (RESP-NO-SECRETS): a pure check over one raw exchange,
// and a transport wrapper that runs it on every exchange a test or a property sends. Material is
// the signing secrets, the bearer token the request sent, the signature it sent, and digests of
// the secrets over the request (the signature the server expected, HMACs of the body, the
// secret's SHA-256), in hex and base64.
import { createHash, createHmac } from 'node:crypto';
import { SIGNATURE_HEADER } from '../domain/hmac.ts';
import type { Transport, WireRequest, WireResponse } from '../client/transport.ts';

export type Material = { label: string; value: string };
export type Leak = { label: string; where: string; method: string; url: string; status: number };

/** Shorter values would match ordinary text; every real secret and digest is far longer. */
const MIN_MATERIAL = 16;

function digests(label: string, key: string, message: Buffer | string): Material[] {
  const mac = createHmac('sha256', Buffer.from(key, 'ascii')).update(message).digest();
  return [
    { label: `${label} (hex)`, value: mac.toString('hex') },
    { label: `${label} (base64)`, value: mac.toString('base64') },
  ];
}

/** Everything secret this request could make a careless server write back. */
export function secretMaterial(request: WireRequest, secrets: readonly string[]): Material[] {
  const body = request.body ?? Buffer.alloc(0);
  const signature = request.headers[SIGNATURE_HEADER] ?? '';
  const [, timestamp, hex] = signature.split(',');
  const token = /^\S+\s+(\S+)/.exec(request.headers.authorization ?? '')?.[1];
  const material: Material[] = [];
  secrets.forEach((secret, i) => {
    const who = `signing secret ${i + 1}`;
    material.push({ label: who, value: secret });
    material.push({ label: `SHA-256 of ${who}`, value: createHash('sha256').update(secret).digest('hex') });
    material.push(...digests(`HMAC of the body under ${who}`, secret, body));
    if (timestamp && /^\d+$/.test(timestamp)) material.push(...digests(`signature expected under ${who}`, secret, Buffer.concat([Buffer.from(`${timestamp}.`), body])));
  });
  if (token) material.push({ label: 'the bearer token sent', value: token });
  if (hex) material.push({ label: 'the signature sent', value: hex });
  return material.filter((m) => m.value.length >= MIN_MATERIAL);
}

/** Where in the response each piece of material appears (hex compared in any case). */
export function findLeaks(request: WireRequest, response: WireResponse, secrets: readonly string[]): Leak[] {
  const places: [string, string][] = [
    ['body', response.text],
    ...Object.entries(response.headers).map(([name, value]): [string, string] => [`header ${name}`, `${name}: ${value}`]),
  ];
  const leaks: Leak[] = [];
  for (const { label, value } of secretMaterial(request, secrets)) {
    const needle = value.toLowerCase();
    for (const [where, text] of places) {
      if (text.includes(value) || text.toLowerCase().includes(needle)) leaks.push({ label, where, method: request.method, url: request.url, status: response.status });
    }
  }
  return leaks;
}

export type LeakSink = (leak: Leak, request: WireRequest, response: WireResponse) => void;

/** The transport, with every answer scanned before the client sees it. */
export function scanningTransport(inner: Transport, secrets: readonly string[], sink: LeakSink): Transport {
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
