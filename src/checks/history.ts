// What a chat's history must list (/api/chats/list-messages): the 200 most recent messages, oldest first.
import { clip } from './answer.ts';
import { problem, type Problem } from './problem.ts';

/** The history route lists at most the 200 most recent messages. */
export const HISTORY_LIMIT = 200;

type Listed = { id?: unknown; direction?: unknown };

/**
 * A history judged against the outbound messages the run sent, in order: inbound messages (people
 * answering) are not the run's to predict, so they are left out of the comparison; a page shorter
 * than the limit holds everything and has_more is false; more sent than the limit makes it true.
 */
export function historyProblem(requirement: string, where: string, listed: Listed[], hasMore: unknown, sent: readonly string[]): Problem | undefined {
  const ids = listed.filter((m) => m.direction !== 'inbound').map((m) => String(m.id));
  const full = listed.length < HISTORY_LIMIT;
  const want = full ? [...sent] : sent.slice(-ids.length);
  if (JSON.stringify(ids) !== JSON.stringify(want)) return problem(requirement, `${where} lists the run's messages ${clip(JSON.stringify(ids))}, not ${clip(JSON.stringify(want))} (oldest first)`);
  if (full && hasMore !== false) return problem(requirement, `${where} holds ${listed.length} message(s), fewer than ${HISTORY_LIMIT}, yet has_more is ${String(hasMore)}`);
  if (sent.length > HISTORY_LIMIT && hasMore !== true) return problem(requirement, `${where}: ${sent.length} messages were sent, yet has_more is ${String(hasMore)}`);
  return undefined;
}
