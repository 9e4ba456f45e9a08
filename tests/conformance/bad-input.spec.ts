// Hostile and malformed input: a 4xx in the error envelope, never a 5xx. Every body here is
// rejected by design (and addresses only fictional numbers), so it is safe on a live tenant.
import type { Call } from '../../src/client/chert-client.ts';
import type { Settings } from '../../src/config/settings.ts';
import { eachCase, expect, repeatOnLostConnection, req, test } from '../fixtures/index.ts';
import { fictionalTo, text } from '../fixtures/bodies.ts';

const create = (body: unknown, extra: Partial<Call> = {}): Call => ({ method: 'POST', path: '/api/v1/chats', body, ...extra });
// No message.parts: each case below would be a 1001 even if its oddity were ignored.
const partless = (s: Settings, extra: Record<string, unknown> = {}) => ({ from: s.tenant.from, to: fictionalTo(1), message: { subject: 'x' }, ...extra });

function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const CASES: [string, (s: Settings) => Call][] = [
  ['an empty body', () => create('')],
  ['the JSON literal null', () => create('null')],
  ['a JSON array', () => create('[]')],
  ['a JSON string', () => create('"hello"')],
  ['a body of 10,000 nested objects', () => create(nested(10_000))],
  ['astral-plane and RTL characters in a rejected body', (s) => create({ ...partless(s), to: ['+1415555012😀'], message: { parts: [text('𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩🏽‍💻 مرحبا')] } })],
  ['a lone surrogate escape', (s) => create(`{"from":"${s.tenant.from}","to":["\\ud800"],"message":{"parts":[{"type":"text","value":"\\udfff"}]}}`)],
  ['__proto__ and constructor keys', (s) => create(`{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},"from":"${s.tenant.from}","to":["${fictionalTo(1)[0]}"],"message":{"__proto__":{"parts":[]}}}`)],
  ['a body of 2 MB', (s) => create(JSON.stringify(partless(s, { padding: 'x'.repeat(2 * 1024 * 1024) })))],
  ['a text/plain content type', (s) => create(partless(s), { headers: { 'content-type': 'text/plain' } })],
  ['a form-encoded body', (s) => create(`from=${encodeURIComponent(s.tenant.from)}&to=${encodeURIComponent(fictionalTo(1)[0] as string)}`, { headers: { 'content-type': 'application/x-www-form-urlencoded' } })],
  // The contract resolves a wrong type as 400 / 1002 (wrong-type-coercion): never read as its one item.
  ['a media part whose attachment_id is inside an array', (s) => create({ from: s.tenant.from, to: fictionalTo(1), message: { parts: [{ type: 'media', attachment_id: ['att_conformance'] }] } })],
  ['numbers where strings belong', (s) => create({ from: Number(s.tenant.from.slice(1)), to: [Number((fictionalTo(1)[0] as string).slice(1))], message: { parts: [{ type: 'text', value: 1e308 }] } })],
  ['a 100,000-entry to list', () => create({ from: '+0', to: Array.from({ length: 100_000 }, () => '+0'), message: { parts: [text('x')] } })],
];

test(`hostile and malformed bodies (${CASES.length} kinds) each get a 4xx error envelope, not a 5xx`, req('CHAT-BAD-INPUT-NO-5XX'), async ({ chert, settings }) => repeatOnLostConnection(async () => eachCase(CASES.map(([label, call]) => ({
  label,
  run: async () => {
    const res = await chert.send(call(settings));
    const seen = `${label}: HTTP ${res.status}: ${res.text.slice(0, 200)}`;
    expect(res.status, seen).toBeGreaterThanOrEqual(400);
    expect(res.status, seen).toBeLessThan(500);
    // A proxy in front of a real API may answer an oversized body with its own page: only 4xx is judged there.
    if (res.status !== 413) expect((res.json as { success?: unknown } | undefined)?.success, `${label}: the error envelope`).toBe(false);
  },
})))));
