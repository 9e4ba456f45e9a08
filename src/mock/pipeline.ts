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
import { editMessage } from './handlers/life/edit.ts';
import { leaveChat } from './handlers/life/leave.ts';
import { markRead } from './handlers/life/mark-read.ts';
import { mockControl } from './handlers/life/mock-control.ts';
import { addParticipant, removeParticipant } from './handlers/life/participants.ts';
import { reactToMessage } from './handlers/life/react.ts';
import { updateChat } from './handlers/life/rename.ts';
import { sendTyping } from './handlers/life/typing.ts';
import { matchRoute, type RouteMatch, type RouteName } from './router.ts';
import { statsOf, type MockState } from './state.ts';
import { BEARER_PATH_FAULTS } from './faults.ts';
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
    path: req.url ?? '/',
    raw,
  };
}

/** body-size-limit smaller-limit: the mock takes bodies up to 64 KiB instead of 1 MiB. */
const SMALLER_BODY_LIMIT = 64 * 1024;

/** content-type refused: a body that is not labelled JSON is refused before it is read as JSON. */
function unlabelledBody(state: MockState, req: IncomingMessage, raw: Buffer): Reply | undefined {
  if (raw.length === 0 || !state.readings.is('content-type', 'refused')) return undefined;
  const type = header(req, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json' ? undefined : { error: apiError(1004, 'Send the body as application/json.', { status: 415 }) };
}

/** Routes without a body: whatever bytes come are ignored (they are still covered by the signature). */
function handleBodyless(state: MockState, route: RouteName, tenant: Tenant, id: string, address: string): Reply | undefined {
  if (route === 'list-messages') return listMessages(state, tenant, id);
  if (route === 'mark-read') return markRead(state, tenant, id);
  if (route === 'leave') return leaveChat(state, tenant, id);
  if (route === 'remove-participant') return removeParticipant(state, tenant, id, address);
  return undefined;
}

const JSON_ROUTES = {
  typing: sendTyping,
  'update-chat': updateChat,
  'add-participant': addParticipant,
  react: reactToMessage,
  edit: editMessage,
  'post-message': postMessage,
} as const;

function handle(state: MockState, route: RouteMatch & { kind: 'route' }, tenant: Tenant, raw: Buffer): Reply | Promise<Reply> {
  // path-decode-500: the path's ids are %-decoded with no guard, so a malformed escape throws.
  if (state.fault === 'path-decode-500') decodeURIComponent(`${route.chatId}/${route.address ?? ''}`);
  const bodyless = handleBodyless(state, route.name, tenant, route.chatId, route.address ?? '');
  if (bodyless) return bodyless;
  const json = parseJson(raw, state.fault);
  if (!json.ok) return { error: json.error };
  if (route.name === 'create') return createChat(state, tenant, json.value, raw);
  const handler = JSON_ROUTES[route.name as keyof typeof JSON_ROUTES];
  return handler(state, tenant, route.chatId, json.value);
}

/** auth-rejected-records-key: the create runs before the credentials are judged. */
async function createBeforeAuth(state: MockState, credentials: Credentials): Promise<void> {
  const tenant = state.tenants.find((t) => t.slug === credentials.tenantSlug) ?? (state.tenants[0] as Tenant);
  const json = parseJson(credentials.raw, undefined);
  if (json.ok) await createChat(state, tenant, json.value);
}

/** The mock's own test controls: no credentials, not counted as API requests. */
async function control(state: MockState, req: IncomingMessage, name: RouteName): Promise<Reply> {
  const raw = await readBody(req);
  if (raw === TOO_LARGE) return { error: payloadTooLarge(BODY_LIMIT), headers: { connection: 'close' } };
  const json = parseJson(raw, undefined);
  return json.ok ? mockControl(state, name, json.value) : { error: json.error };
}

export async function answer(state: MockState, req: IncomingMessage): Promise<Reply> {
  // query-breaks-route: the router is handed the whole URL, its query string read as part of the path.
  const url = state.fault === 'query-breaks-route' ? (req.url ?? '/').replace('?', '%3F') : req.url ?? '/';
  const matched = matchRoute(req.method ?? 'GET', url);
  // any-method-served: routes match on the path alone, so another method runs the documented one's handler.
  const route = matched.kind === 'wrong-method' && state.fault === 'any-method-served' ? matchRoute(matched.allow.split(',')[0] as string, url) : matched;
  if (route.kind === 'unknown') {
    // unknown-route-500: no handler for the path, and looking one up throws.
    if (state.fault === 'unknown-route-500') throw new TypeError(`no handler for ${url}`);
    return { error: notFoundRoute() };
  }
  if (route.kind === 'wrong-method') return { error: methodNotAllowed(route.allow), headers: { allow: route.allow } };
  if (route.name === 'stats') return { status: 200, body: statsOf(state) };
  if (route.name.startsWith('mock-')) return control(state, req, route.name);
  state.requests++;
  const raw = await readBody(req, state.readings.is('body-size-limit', 'smaller-limit') ? SMALLER_BODY_LIMIT : BODY_LIMIT, state.fault);
  if (raw === TOO_LARGE) {
    // oversized-body-500: the body parser's "too large" error reaches the catch-all as a 500.
    const error = state.fault === 'oversized-body-500' ? apiError(3001) : payloadTooLarge(state.readings.is('body-size-limit', 'smaller-limit') ? SMALLER_BODY_LIMIT : BODY_LIMIT);
    return { error, headers: { connection: 'close' } };
  }
  if (state.flaky > 0 && state.random() < state.flaky) return { error: apiError(3002) };
  const credentials = credentialsOf(req, raw);
  const auth = authenticate(credentials, state.tenants, state.fault, undefined, { readings: state.readings, seen: state.seenSignatures });
  if (!auth.ok) {
    if (state.fault === 'auth-rejected-records-key' && route.name === 'create') await createBeforeAuth(state, credentials);
    return { error: auth.error };
  }
  const retryAfter = state.limiter?.take(auth.value.slug);
  if (retryAfter !== undefined) return { error: apiError(1007, undefined, { retryAfter }) };
  return unlabelledBody(state, req, raw) ?? handle(underAuthPath(state, credentials), route, auth.value, raw);
}

/**
 * The faults of one auth path (BEARER_PATH_FAULTS): a request that came with a bearer token, and
 * no signature, is handled as under the fault they copy; any other as by a correct server.
 */
function underAuthPath(state: MockState, credentials: Credentials): MockState {
  const copied = state.fault === undefined ? undefined : BEARER_PATH_FAULTS[state.fault];
  if (copied === undefined) return state;
  const bearer = credentials.signature === undefined && /^bearer\s/i.test(credentials.authorization ?? '');
  return Object.create(state, { fault: { value: bearer ? copied : undefined, enumerable: true } }) as MockState;
}
