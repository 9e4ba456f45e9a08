// When may a request that got no answer be sent again? Only when a second copy cannot send a
// second message: reads, last-write-wins updates, bodies with nothing to deliver (not JSON, or
// no message parts), and creates carrying an idempotency key. A follow-up's key is sent too (the
// page's example carries one), but whether it deduplicates is not documented
// (followup-idempotency-key), so a follow-up is never resent. The client gives every create and
// follow-up a key of its own, unless the test set one or studies key-less requests.
import { randomUUID } from 'node:crypto';
import { boundedKey } from '../domain/idempotency-key.ts';
import type { Call } from './chert-client.ts';
import type { WireRequest } from './transport.ts';

const KEYED_ROUTES = /^\/api\/v1\/chats(\/[^/]+\/messages)?$/;
/** The one route whose key the docs say deduplicates (/api/group-chats/create). */
const CREATE_ROUTE = /^\/api\/v1\/chats$/;
const REPLAYABLE_METHODS = new Set(['GET', 'HEAD', 'PUT', 'OPTIONS']);
/**
 * POSTs the docs call idempotent (mark-read is a no-op when read, adding a member twice a no-op),
 * and typing, which sets a state and delivers nothing.
 */
const IDEMPOTENT_POSTS = /^\/api\/v1\/chats\/[^/]+\/(mark-read|participants|typing)$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);

/** The call's body with `message.idempotency_key` added where the client should add one. */
export function withIdempotencyKey(call: Call): unknown {
  const { body } = call;
  if (call.keyless || (call.method ?? 'POST') !== 'POST' || !KEYED_ROUTES.test(call.path)) return body;
  if (!isPlainObject(body) || !isPlainObject(body.message) || 'idempotency_key' in body.message) return body;
  return { ...body, message: { ...body.message, idempotency_key: boundedKey('chert-', randomUUID()) } };
}

/** True when sending these exact bytes again cannot cause a second message. */
export function replaySafe(request: WireRequest): boolean {
  if (REPLAYABLE_METHODS.has(request.method)) return true;
  if (request.method === 'POST' && IDEMPOTENT_POSTS.test(new URL(request.url).pathname.replace(/^.*(?=\/api\/v1\/)/, ''))) return true;
  if (request.body === undefined) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body.toString('utf8'));
  } catch {
    return true; // not JSON: no recipients, no parts, nothing any server could deliver
  }
  const path = new URL(request.url).pathname.replace(/^.*(?=\/api\/v1\/)/, '');
  if (!KEYED_ROUTES.test(path)) return false;
  const message = isPlainObject(parsed) ? parsed.message : undefined;
  const key = isPlainObject(message) ? message.idempotency_key : undefined;
  return (CREATE_ROUTE.test(path) && typeof key === 'string' && key !== '') || !deliverable(parsed);
}

/** Could any server send a message for this body? Not without a non-empty list of parts. */
function deliverable(parsed: unknown): boolean {
  const message = isPlainObject(parsed) ? parsed.message : undefined;
  return isPlainObject(message) && Array.isArray(message.parts) && message.parts.length > 0;
}
