// Rules about what an answer carries, judged on every exchange a run records, of every operation
// (like the secret scan, src/contract/secret-scan.ts): the envelope and X-Trace-ID on success and
// error, the body's trace_id equal to the header, `retryable` on every error, Retry-After on a
// throttled answer, UTC timestamps and the ids of a create's answer, and a message the line sends
// being outbound. Pure: an exchange in, findings out, each named by its requirement and context.
//
// Only what holds under every reading of the docs: an answer is judged only when it comes from
// the API to a plainly framed request of a documented operation (a JSON body; no query string, no
// odd framing, no malformed or over-long id, none of the statuses a proxy in front of the API may
// send bare), and each rule reads only fields whose meaning no open choice changes.
import { jsonOf, type WireRequest, type WireResponse } from './wire.ts';
import { envelopeProblems, retryAfterProblems, traceIdProblems } from './envelope.ts';
import type { Problem } from './problem.ts';
import { SIGNATURE_HEADER } from '../domain/hmac.ts';
import type { AuthContext, Cell } from '../contract/domain.ts';
import type { Operation } from '../contract/operations.ts';

/** The requirements judged here, on every exchange. */
export const RESPONSE_RULES = ['ERR-TRACE-ID', 'ERR-ENVELOPE', 'ERR-RETRYABLE', 'ERR-RETRY-AFTER', 'CHAT-TIMESTAMPS', 'CHAT-MESSAGE-OUTBOUND', 'CHAT-MESSAGE-CHAT-ID'] as const;
export type ResponseRule = (typeof RESPONSE_RULES)[number];

export type ResponseFinding = Problem & { cell: Cell };

/** Statuses a proxy in front of the API may send without the envelope (EDGE-FRAMING, CHAT-BAD-INPUT-NO-5XX). */
const PROXY_STATUSES = new Set([411, 413, 414, 415, 431]);
/** A path id a client sends as the docs show ids: no %-escape but an encoded `+` or `@`, not thousands of characters. */
const PLAIN_ID = /^(?:[A-Za-z0-9._~-]|%2B|%40)+$/i;
const MAX_ID = 200;
/** ISO-8601 in UTC: `Z` or a zero offset. */
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]00:?00)$/;

type Matcher = { operation: Operation; pattern: RegExp };
const matchers = new WeakMap<readonly Operation[], Matcher[]>();

function matchersOf(operations: readonly Operation[]): Matcher[] {
  let found = matchers.get(operations);
  if (!found) {
    found = operations.map((operation) => ({ operation, pattern: new RegExp(`^${operation.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/]+)')}$`) }));
    matchers.set(operations, found);
  }
  return found;
}

/** How the request authenticated: a signature is judged first (AUTH-SIGNATURE-FIRST), then a bearer token. */
export function authOf(request: Pick<WireRequest, 'headers'>): AuthContext {
  if (request.headers[SIGNATURE_HEADER] !== undefined) return 'hmac';
  return /^bearer\s/i.test(request.headers.authorization ?? '') ? 'bearer' : 'none';
}

/** The documented operation a plainly framed request is, or undefined when it is not one (then its answer is not judged here). */
export function operationOf(request: WireRequest, operations: readonly Operation[]): Operation | undefined {
  let path: string;
  try {
    const url = new URL(request.url);
    if (url.search !== '') return undefined;
    path = url.pathname;
  } catch {
    return undefined;
  }
  if (request.repeatedHeaders !== undefined && Object.keys(request.repeatedHeaders).length > 0) return undefined;
  if (request.headers['transfer-encoding'] !== undefined) return undefined;
  if (request.body !== undefined && request.body.length > 0 && request.headers['content-type'] !== 'application/json') return undefined;
  return matchOperation(request.method, path, operations);
}

/** The documented operation a method and path (no query) ask, its ids as a client sends the docs' ids. */
export function matchOperation(method: string, path: string, operations: readonly Operation[]): Operation | undefined {
  for (const { operation, pattern } of matchersOf(operations)) {
    if (operation.method !== method.toUpperCase()) continue;
    const ids = pattern.exec(path)?.slice(1);
    if (ids && ids.every((id) => id.length <= MAX_ID && PLAIN_ID.test(id))) return operation;
  }
  return undefined;
}

type Body = { chat?: { id?: unknown; created_at?: unknown }; message?: { chat_id?: unknown; created_at?: unknown; direction?: unknown; service?: unknown }; success?: unknown; error?: { retryable?: unknown } };

function parsed(response: WireResponse): Body | undefined {
  if (response.truncated !== undefined) return undefined;
  const json = jsonOf(response);
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Body) : undefined;
}

const problem = (requirement: ResponseRule, message: string): Problem => ({ requirement, message });

/** Each rule's findings on one answer from the API, for an operation. Rules with nothing to read there return []. */
export function judgeAnswer(operationId: string, response: WireResponse, body: Body): Record<ResponseRule, Problem[] | undefined> {
  const answer = { status: response.status, headers: response.headers, json: body };
  const error = response.status >= 400;
  const created = operationId === 'createChat' && response.status >= 200 && response.status < 300;
  const sent = (created || operationId === 'sendMessage') && response.status >= 200 && response.status < 300;
  const message = typeof body.message === 'object' && body.message !== null ? body.message : undefined;
  return {
    'ERR-TRACE-ID': traceIdProblems(answer),
    'ERR-ENVELOPE': error ? envelopeProblems(answer) : undefined,
    'ERR-RETRYABLE': error ? (typeof body.error?.retryable === 'boolean' ? [] : [problem('ERR-RETRYABLE', `error.retryable is ${JSON.stringify(body.error?.retryable)}, not a boolean, on an HTTP ${response.status} error`)]) : undefined,
    'ERR-RETRY-AFTER': response.status === 429 || response.status === 503 ? retryAfterProblems(answer) : undefined,
    'CHAT-TIMESTAMPS': created ? timestampProblems(body) : undefined,
    'CHAT-MESSAGE-OUTBOUND': sent && message ? outboundProblems(message) : undefined,
    'CHAT-MESSAGE-CHAT-ID': created && typeof body.chat?.id === 'string' && message && typeof message.chat_id === 'string'
      ? (message.chat_id === body.chat.id ? [] : [problem('CHAT-MESSAGE-CHAT-ID', `message.chat_id ${message.chat_id} differs from chat.id ${body.chat.id}`)])
      : undefined,
  };
}

/** A timestamp the answer leaves out is the schema's to judge (CHAT-RESPONSE-SCHEMA); one it gives must be UTC. */
function timestampProblems(body: Body): Problem[] {
  const stamps: [string, unknown][] = [['chat.created_at', body.chat?.created_at], ['message.created_at', body.message?.created_at]];
  return stamps.filter(([, value]) => value !== undefined && !(typeof value === 'string' && ISO_UTC.test(value) && !Number.isNaN(Date.parse(value))))
    .map(([where, value]) => problem('CHAT-TIMESTAMPS', `${where} ${JSON.stringify(value)} is not an ISO-8601 date-time in UTC`));
}

function outboundProblems(message: NonNullable<Body['message']>): Problem[] {
  const found: Problem[] = [];
  if (message.direction !== undefined && message.direction !== 'outbound') found.push(problem('CHAT-MESSAGE-OUTBOUND', `a message the line sent has direction ${JSON.stringify(message.direction)}`));
  if (message.service !== undefined && message.service !== 'imessage') found.push(problem('CHAT-MESSAGE-OUTBOUND', `a message the line sent has service ${JSON.stringify(message.service)}`));
  return found;
}

/** What one exchange showed: its context and, per rule that could read it, the findings (empty: passed). */
export type JudgedExchange = { cell: Cell; rules: Partial<Record<ResponseRule, Problem[]>> };

/** Judges one exchange, or undefined when it is no answer from the API to a documented operation. */
export function judgeExchange(request: WireRequest, response: WireResponse, operations: readonly Operation[]): JudgedExchange | undefined {
  if (PROXY_STATUSES.has(response.status)) return undefined;
  const operation = operationOf(request, operations);
  if (!operation) return undefined;
  const body = parsed(response);
  if (!body) return undefined;
  const rules: Partial<Record<ResponseRule, Problem[]>> = {};
  for (const [rule, found] of Object.entries(judgeAnswer(operation.operationId, response, body))) if (found !== undefined) rules[rule as ResponseRule] = found;
  return { cell: { operation: operation.operationId, auth: authOf(request) }, rules };
}

/** The findings of a judged exchange, each with its context. */
export const findingsOf = (judged: JudgedExchange): ResponseFinding[] =>
  Object.values(judged.rules).flatMap((found) => (found ?? []).map((p) => ({ ...p, cell: judged.cell })));
