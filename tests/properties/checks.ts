// The properties' side of the checks (src/checks/): each returns what is wrong (received against
// what the docs allow) as text, or undefined, so a property run fails with what was received.
import type { ChertResponse } from '../../src/client/chert-client.ts';
import { received } from '../../src/checks/answer.ts';
import { handlesProblem, partsEchoProblem } from '../../src/checks/chat.ts';
import { judgeAnswer, rejectedWith, type Expected } from '../../src/checks/expected.ts';
import { successProblems } from '../../src/checks/schema.ts';
import type { components } from '../../schemas/chert-chats.d.ts';
import type { Part } from '../fixtures/bodies.ts';

export type Created = components['schemas']['CreateChatResponse'];
export type Problem = string | undefined;

export class PropertyViolation extends Error {
  override name = 'PropertyViolation';
}

/** Throws the first problem, so a property run fails with what was received. */
export function must(...problems: Problem[]): void {
  const problem = problems.find((p) => p !== undefined);
  if (problem !== undefined) throw new PropertyViolation(problem);
}

const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text);

export { received };

export function isChertError(res: ChertResponse, status: number | readonly number[], code?: number | readonly number[]): Problem {
  return judgeAnswer('', rejectedWith(status, code), res)?.message;
}

/** One of the answers the docs allow (src/checks/expected.ts), or what came instead. */
export function isAnswer(res: ChertResponse, expected: Expected): Problem {
  return judgeAnswer('', expected, res)?.message;
}

export function isRejected(res: ChertResponse): Problem {
  return res.status >= 400 && res.status < 500 ? undefined : `expected a 4xx rejection, received ${received(res)}`;
}

export function isAccepted(res: ChertResponse): Problem {
  return res.status >= 200 && res.status < 300 && typeof res.json === 'object' && res.json !== null
    ? undefined
    : `expected a 2xx with a JSON body, received ${received(res)}`;
}

/** The body is the shape the OpenAPI document gives the create's success (any 2xx: success-status). */
export function matchesCreateSchema(res: ChertResponse): Problem {
  return successProblems('', res)[0]?.message;
}

/** The created chat and message of a 2xx, or a violation saying what came instead. */
export function createdOf(res: ChertResponse): Created {
  must(isAccepted(res));
  const { chat, message } = res.json as Partial<Created>;
  const objects = typeof chat === 'object' && chat !== null && typeof message === 'object' && message !== null;
  must(objects ? undefined : `expected { chat, message } at the top of the body, received ${received(res)}`);
  return res.json as Created;
}

/** A chat's handles are the `to` numbers, in order, each over imessage (src/checks/chat.ts). */
export function handlesAre(created: Created, to: readonly string[]): Problem {
  return handlesProblem('', created.chat, to)?.message;
}

/** The echo holds every sent text part, in order, and only parts that were sent (src/checks/chat.ts). */
export function echoProblem(sent: readonly Part[], echoed: unknown): Problem {
  return partsEchoProblem(sent, echoed)?.message;
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
