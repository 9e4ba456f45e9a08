// How a protocol-edge case (src/contract/generate/edge-cases.ts) goes on the wire: its path filled
// with made-up or the run's own ids (a malformed or over-long one registered as made up, so the
// live-safety guard knows it names nothing), its body framed as the case says, its headers
// duplicated or padded; and its answer, or the silence that took its place.
import { randomUUID } from 'node:crypto';
import { DeadTargetError, InconclusiveError, type Auth, type Call, type ChertClient, type ChertResponse } from '../../src/client/chert-client.ts';
import { isLoopback, type Settings } from '../../src/config/settings.ts';
import { OVER_LONG_CHARS, OVERSIZED_HEADER_BYTES, type EdgeCase, type EdgeRequest } from '../../src/contract/generate/edge-cases.ts';
import type { Operation, ResourceKind } from '../../src/contract/operations.ts';
import { SIGNATURE_HEADER, TENANT_HEADER } from '../../src/domain/hmac.ts';
import { fictionalTo, senderLines } from '../fixtures/bodies.ts';
import { bodyFor, operations } from './fixtures.ts';

export type Ids = Record<ResourceKind, string>;

/** Ids no server holds, registered with the guard as made up. */
export function fabricatedIds(chert: ChertClient): Ids {
  const ids = { chat: randomUUID(), message: randomUUID().replaceAll('-', ''), participant: fictionalTo(1)[0] as string };
  chert.fabricatedChatIds.add(ids.chat);
  chert.fabricatedMessageIds.add(ids.message);
  return ids;
}

/**
 * A group of four the run creates for the undocumented writes: big enough that a server serving a
 * write method as a removal would remove (four members keep three under either reading of the
 * floor), so that shows as a success.
 */
export async function groupOfFour(chert: ChertClient, settings: Settings): Promise<Ids> {
  const create = operations.find((o) => o.operationId === 'createChat');
  if (!create) throw new Error('The spec has no createChat operation: the undocumented writes need a chat of their own.');
  const body = { ...(bodyFor(create, settings) as Record<string, unknown>), to: fictionalTo(4, senderLines(settings)) };
  const res = await chert.create(body);
  const created = res.json as { chat?: { id?: string; handles?: { address?: string }[] }; message?: { id?: string } } | undefined;
  const chat = created?.chat?.id;
  if (res.status >= 300 || typeof chat !== 'string') throw new InconclusiveError(`creating the group the undocumented writes use failed: HTTP ${res.status} ${res.text.slice(0, 200)}`);
  return { chat, message: created?.message?.id ?? '', participant: created?.chat?.handles?.[0]?.address ?? '' };
}

/**
 * How long an edge request may take: the request timeout, but at most 2 s on a loopback target
 * (the built-in mock, a local server), where even a 1 MB upload takes milliseconds; so a server
 * that never answers one is found without waiting out CHERT_TIMEOUT_MS for each.
 */
export function edgeBoundMs(settings: Settings): number {
  const local = settings.builtinMock || (settings.baseUrl !== undefined && isLoopback(settings.baseUrl));
  return local ? Math.min(settings.requestTimeoutMs, 2_000) : settings.requestTimeoutMs;
}

/** A value no id has: a made-up id with an escape that decodes to nothing, or thousands of characters more. */
function oddValue(made: string, value: NonNullable<EdgeRequest['param']>['value']): string {
  // Padded with z, no hex digit: a long hex run would read as a signature to the report's secret scan.
  return value === 'malformed-escape' ? `${encodeURIComponent(made)}%E0%A4%zz` : `${encodeURIComponent(made)}${'z'.repeat(OVER_LONG_CHARS)}`;
}

function pathOf(c: EdgeCase, operation: Operation | undefined, made: Ids, own: Ids | undefined, chert: ChertClient): string {
  let path = c.request.path;
  for (const { name, resource } of operation?.pathParameters ?? []) {
    const odd = c.request.param?.name === name ? oddValue(made[resource], c.request.param.value) : undefined;
    if (odd !== undefined) {
      // Made up from a fresh id: whatever a lenient server decodes it to names nothing.
      if (resource === 'chat') chert.fabricatedChatIds.add(odd);
      if (resource === 'message') chert.fabricatedMessageIds.add(odd);
    }
    const ids = c.request.ids === 'own' ? own : made;
    if (ids === undefined) throw new Error(`${c.rule}: the run's own ids are needed, and none were made`);
    path = path.replace(`{${name}}`, odd ?? encodeURIComponent(ids[resource]));
  }
  if (c.request.suffix !== undefined) {
    // Below /api/v1/chats the suffix's first segment stands where an id would: one the run made up.
    const first = c.request.suffix.split('/')[1] as string;
    chert.fabricatedChatIds.add(first);
    chert.fabricatedMessageIds.add(first);
  }
  return `${path}${c.request.suffix ?? ''}${c.request.query === undefined ? '' : `?${c.request.query}`}`;
}

/** The operation whose example body a request on this path carries. */
const bodyOperation = (path: string) => operations.find((o) => o.path === path && o.requestSchema !== undefined);

function formEncoded(value: unknown): string {
  const fields = typeof value === 'object' && value !== null ? Object.entries(value) : [];
  return fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`).join('&');
}

/** The exact bytes of the body, or undefined for none. */
function bodyOf(request: EdgeRequest, settings: Settings): string | undefined {
  const { body } = request;
  if (body.kind === 'raw') return body.text;
  const operation = bodyOperation(request.path);
  let value: Record<string, unknown> | undefined;
  if (body.kind !== 'none' && operation) {
    value = { ...(bodyFor(operation, settings) as Record<string, unknown>) };
    if (body.kind === 'example' && body.without !== undefined) delete value[body.without];
  }
  if (request.padding !== undefined) value = { ...value, chert_conformance_padding: 'x'.repeat(request.padding) };
  if (value === undefined) return undefined;
  return body.kind === 'form' ? formEncoded(value) : JSON.stringify(value);
}

function authOf(request: EdgeRequest): Auth {
  if (request.auth === 'none') return { mode: 'none' };
  return request.auth === 'bearer' ? { mode: 'bearer' } : { mode: 'hmac' };
}

function headersOf(request: EdgeRequest): Record<string, string | null> {
  const headers: Record<string, string | null> = {};
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  if (request.chunked) headers['transfer-encoding'] = 'chunked';
  if (request.header === 'oversized') headers['x-chert-conformance-padding'] = 'z'.repeat(OVERSIZED_HEADER_BYTES);
  return headers;
}

/** The second line of a duplicated credential: the right value stays first. */
function duplicate(request: EdgeRequest, settings: Settings): Call['tamper'] {
  const header = request.header;
  if (header === 'duplicate-authorization') return (wire) => ({ ...wire, repeatedHeaders: { authorization: [`Bearer ${'f'.repeat(32)}`] } });
  if (header === 'duplicate-signature') {
    return (wire) => {
      const timestamp = (wire.headers[SIGNATURE_HEADER] ?? '').split(',')[1] ?? '0';
      return { ...wire, repeatedHeaders: { [SIGNATURE_HEADER]: [`v1,${timestamp},${'0'.repeat(64)}`] } };
    };
  }
  if (header === 'duplicate-tenant') {
    const other = settings.tenantB?.slug ?? 'chert-conformance-no-such-tenant';
    return (wire) => ({ ...wire, repeatedHeaders: { [TENANT_HEADER]: [other] } });
  }
  return undefined;
}

/** The call a case sends. */
export function edgeCall(c: EdgeCase, settings: Settings, chert: ChertClient, made: Ids, own: Ids | undefined): Call {
  // Path parameters belong to the path: a case judged for every path names no operation.
  const operation = operations.find((o) => o.path === c.request.path);
  const tamper = duplicate(c.request, settings);
  return {
    method: c.request.method,
    path: pathOf(c, operation, made, own, chert),
    body: bodyOf(c.request, settings),
    auth: authOf(c.request),
    headers: headersOf(c.request),
    ...(tamper ? { tamper } : {}),
    // A retryable answer (503 / 3002 from a busy target) is tried again as the docs allow, and the
    // answer judged is the last: a server that keeps failing the request still fails it. Every case
    // is a rejection, a read, or a write to the run's own chat, so a dropped connection may be
    // tried again too.
    judgedAnyRepeat: true,
    timeoutMs: edgeBoundMs(settings),
  };
}

export type EdgeOutcome = { c: EdgeCase; res: ChertResponse } | { c: EdgeCase; silent: string };

/** The answer, or why none came (a timeout, a dropped connection); a dead target stays inconclusive. */
export async function sendEdge(c: EdgeCase, call: Call, chert: ChertClient): Promise<EdgeOutcome> {
  try {
    return { c, res: await chert.send(call) };
  } catch (error) {
    if (error instanceof DeadTargetError || !(error instanceof InconclusiveError)) throw error;
    return { c, silent: error.message.replace(/^\[inconclusive\] /, '') };
  }
}

/**
 * Silence is the target's failure only when it answers a plain request at once: then that one
 * request was not answered. Otherwise the target is unreachable, and nothing is judged.
 */
export async function controlAnswered(chert: ChertClient, settings: Settings, made: Ids): Promise<string> {
  try {
    const res = await chert.send({ method: 'GET', path: `/api/v1/chats/${encodeURIComponent(made.chat)}/messages`, noRetry: true, timeoutMs: edgeBoundMs(settings) });
    return `HTTP ${res.status}`;
  } catch (error) {
    throw new InconclusiveError(`an edge request got no answer, and neither did a plain read after it: ${(error as Error).message}`);
  }
}
