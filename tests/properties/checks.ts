// Pure judgements over one answer, apart from transport: each returns what is wrong (received
// against documented) or undefined when the answer is what the docs say.
import { isDeepStrictEqual } from 'node:util';
import type { ChertResponse } from '../../src/client/chert-client.ts';
import { responseSchemaName, validate } from '../../src/contract/validators.ts';
import type { components } from '../../schemas/chert-chats.d.ts';
import type { Part } from '../fixtures/bodies.ts';

export type Created = components['schemas']['CreateChatResponse'];
export type Problem = string | undefined;

const CREATE_PATH = '/api/v1/chats';

export class PropertyViolation extends Error {
  override name = 'PropertyViolation';
}

/** Throws the first problem, so a property run fails with what was received. */
export function must(...problems: Problem[]): void {
  const problem = problems.find((p) => p !== undefined);
  if (problem !== undefined) throw new PropertyViolation(problem);
}

const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** One line of what came back: status, error code, start of the body. */
export function received(res: ChertResponse): string {
  const code = (res.json as { error?: { code?: unknown } } | undefined)?.error?.code;
  return `HTTP ${res.status}${code === undefined ? '' : ` with code ${String(code)}`}: ${clip(res.text)}`;
}

export function isChertError(res: ChertResponse, status: number, code?: number): Problem {
  const actual = (res.json as { error?: { code?: unknown } } | undefined)?.error?.code;
  if (res.status === status && (code === undefined || actual === code)) return undefined;
  return `expected HTTP ${status}${code === undefined ? '' : ` with code ${code}`}, received ${received(res)}`;
}

export function isRejected(res: ChertResponse): Problem {
  return res.status >= 400 && res.status < 500 ? undefined : `expected a 4xx rejection, received ${received(res)}`;
}

export function isAccepted(res: ChertResponse): Problem {
  return res.status >= 200 && res.status < 300 && typeof res.json === 'object' && res.json !== null
    ? undefined
    : `expected a 2xx with a JSON body, received ${received(res)}`;
}

/** The body is the shape the OpenAPI document gives this route and status. */
export function matchesCreateSchema(res: ChertResponse): Problem {
  const schema = responseSchemaName(CREATE_PATH, 'POST', res.status);
  if (!schema) return `HTTP ${res.status} is not a documented answer of POST ${CREATE_PATH}: ${received(res)}`;
  const result = validate(schema, res.json);
  return result.valid ? undefined : `the body does not match ${schema}: ${result.errors.join('; ')}; received ${received(res)}`;
}

/** The created chat and message of a 2xx, or a violation saying what came instead. */
export function createdOf(res: ChertResponse): Created {
  must(isAccepted(res));
  const { chat, message } = res.json as Partial<Created>;
  const objects = typeof chat === 'object' && chat !== null && typeof message === 'object' && message !== null;
  must(objects ? undefined : `expected { chat, message } at the top of the body, received ${received(res)}`);
  return res.json as Created;
}

/** A chat's handles are the `to` numbers, in order, each over imessage. */
export function handlesAre(created: Created, to: readonly string[]): Problem {
  const handles = created.chat?.handles;
  if (!Array.isArray(handles)) return `chat.handles is not a list: ${clip(JSON.stringify(created.chat))}`;
  const addresses = handles.map((h) => h?.address);
  if (!isDeepStrictEqual(addresses, [...to])) return `handles ${JSON.stringify(addresses)} are not the to list ${JSON.stringify(to)} in order`;
  const other = handles.find((h) => h?.service !== 'imessage');
  return other ? `a handle has service ${JSON.stringify(other.service)}, not "imessage"` : undefined;
}

/** Does an echoed part stand for this sent part? Documented optional fields a server may add pass. */
function echoes(sent: Part, echoed: unknown): boolean {
  const e = echoed as Record<string, unknown> | null;
  if (typeof e !== 'object' || e === null || e.type !== sent.type) return false;
  if (sent.type === 'text') return e.value === sent.value;
  if (sent.type === 'media') return e.attachment_id === sent.attachment_id;
  return e.url === sent.url && (sent.title === undefined || e.title === sent.title);
}

/**
 * The echo holds every sent text part, in order, and only parts that were sent, in the order
 * sent. A rich link may be left out: the docs' 1:1 example echoes only the text.
 */
export function echoProblem(sent: readonly Part[], echoed: unknown): Problem {
  if (!Array.isArray(echoed)) return `message.parts is not a list: ${clip(JSON.stringify(echoed))}`;
  const both = `sent ${clip(JSON.stringify(sent))}, echoed ${clip(JSON.stringify(echoed))}`;
  let next = 0;
  for (const part of echoed) {
    while (next < sent.length && !echoes(sent[next] as Part, part)) {
      if (sent[next]?.type === 'text') return `text part ${next} is missing from the echo: ${both}`;
      next++;
    }
    if (next === sent.length) return `the echo holds ${clip(JSON.stringify(part))}, which was not sent (in this order): ${both}`;
    next++;
  }
  const missing = sent.findIndex((p, i) => i >= next && p.type === 'text');
  return missing >= 0 ? `text part ${missing} is missing from the echo: ${both}` : undefined;
}

/** The history route lists at most the 200 most recent messages (/api/chats/list-messages). */
export const HISTORY_LIMIT = 200;

type Listed = { id?: unknown; direction?: unknown };

/**
 * A history judged against the outbound messages the run sent, in order: inbound messages (people
 * answering) are not the run's to predict, so they are left out of the comparison; a page shorter
 * than the limit holds everything and has_more is false; more sent than the limit makes it true.
 */
export function historyProblem(where: string, listed: Listed[], hasMore: unknown, sent: readonly string[]): Problem {
  const ids = listed.filter((m) => m.direction !== 'inbound').map((m) => String(m.id));
  const full = listed.length < HISTORY_LIMIT;
  const want = full ? [...sent] : sent.slice(-ids.length);
  if (JSON.stringify(ids) !== JSON.stringify(want)) return `${where} lists the run's messages ${clip(JSON.stringify(ids))}, not ${clip(JSON.stringify(want))} (oldest first)`;
  if (full && hasMore !== false) return `${where} holds ${listed.length} message(s), fewer than ${HISTORY_LIMIT}, yet has_more is ${String(hasMore)}`;
  if (sent.length > HISTORY_LIMIT && hasMore !== true) return `${where}: ${sent.length} messages were sent, yet has_more is ${String(hasMore)}`;
  return undefined;
}
