// One request through the mock, in order: route (404/405) → body (413) → flakiness (503) →
// authentication (401/404) → rate limit (429) → the route's handler. Nothing is stored before
// the handler runs, so every rejection before it has no side effect.
import type { IncomingMessage } from 'node:http';
import { authenticate, type Credentials } from './auth.ts';
import { readBody, TOO_LARGE, BODY_LIMIT } from './body.ts';
import { apiError, methodNotAllowed, notFoundRoute, payloadTooLarge } from './errors.ts';
import { createChat } from './handlers/create.ts';
import { parseJson } from './handlers/json-body.ts';
import { listMessages, postMessage } from './handlers/messages.ts';
import { matchRoute, type RouteName } from './router.ts';
import { statsOf, type MockState } from './state.ts';
import type { Tenant } from '../config/settings.ts';
import type { Reply } from './types.ts';

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function credentialsOf(req: IncomingMessage, raw: Buffer): Credentials {
  return {
    authorization: header(req, 'authorization'),
    signature: header(req, 'x-chert-signature'),
    tenantSlug: header(req, 'x-chert-tenant'),
    method: req.method ?? 'GET',
    raw,
  };
}

function handle(state: MockState, route: RouteName, tenant: Tenant, chatId: string, raw: Buffer): Reply | Promise<Reply> {
  if (route === 'list-messages') return listMessages(state, tenant, chatId);
  const json = parseJson(raw, state.fault);
  if (!json.ok) return { error: json.error };
  return route === 'create' ? createChat(state, tenant, json.value) : postMessage(state, tenant, chatId, json.value);
}

/** auth-rejected-records-key: the create runs before the credentials are judged. */
async function createBeforeAuth(state: MockState, credentials: Credentials): Promise<void> {
  const tenant = state.tenants.find((t) => t.slug === credentials.tenantSlug) ?? (state.tenants[0] as Tenant);
  const json = parseJson(credentials.raw, undefined);
  if (json.ok) await createChat(state, tenant, json.value);
}

export async function answer(state: MockState, req: IncomingMessage): Promise<Reply> {
  const route = matchRoute(req.method ?? 'GET', req.url ?? '/');
  if (route.kind === 'unknown') return { error: notFoundRoute() };
  if (route.kind === 'wrong-method') return { error: methodNotAllowed(route.allow), headers: { allow: route.allow } };
  if (route.name === 'stats') return { status: 200, body: statsOf(state) };
  state.requests++;
  const raw = await readBody(req);
  if (raw === TOO_LARGE) {
    // oversized-body-500: the body parser's "too large" error reaches the catch-all as a 500.
    const error = state.fault === 'oversized-body-500' ? apiError(3001) : payloadTooLarge(BODY_LIMIT);
    return { error, headers: { connection: 'close' } };
  }
  if (state.flaky > 0 && state.random() < state.flaky) return { error: apiError(3002) };
  const credentials = credentialsOf(req, raw);
  const auth = authenticate(credentials, state.tenants, state.fault);
  if (!auth.ok) {
    if (state.fault === 'auth-rejected-records-key' && route.name === 'create') await createBeforeAuth(state, credentials);
    return { error: auth.error };
  }
  const retryAfter = state.limiter?.take(auth.value.slug);
  if (retryAfter !== undefined) return { error: apiError(1007, undefined, { retryAfter }) };
  return handle(state, route.name, auth.value, route.chatId, raw);
}
