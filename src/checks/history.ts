// What a chat's history must list (/api/chats/list-messages): the 200 most recent messages, oldest
// first. Judged under every reading of what the docs leave open (specs/open-choices.yaml): entries
// the run did not send may be there (a reused chat's earlier messages, tapbacks and group events
// listed as entries, an edit's own entry, replies in any shape); messages sent within one second
// may be listed in either order; a message may be listed late or, the append being best-effort,
// never. What every reading forbids stays judged: a message listed twice, a message or text of
// another chat, an order the server's own timestamps contradict, `has_more` on a page that holds
// everything.
import { validate } from '../contract/validators.ts';
import { clip } from './answer.ts';
import { problem, type Problem } from './problem.ts';

/** The history route lists at most the 200 most recent messages. */
export const HISTORY_LIMIT = 200;

/** The open choices whose readings the history judgement accepts. */
export const HISTORY_CHOICES = ['history-order-ties', 'history-read-after-write', 'history-extra-entries', 'history-entry-shape', 'history-after-edit', 'chat-reuse-same-recipients'] as const;

/** One of the run's own messages in this chat, in send order: its id and, when unique to the run, its text. */
export type OwnMessage = { id: string; text?: string };

/**
 * What marks another chat's messages: the ids and texts the run sent elsewhere, and this chat's
 * own id (an entry naming another `chat_id` is another chat's; the list-messages page shows the
 * create's id there).
 */
export type Elsewhere = { ids?: ReadonlySet<string>; texts?: ReadonlySet<string>; chatId?: string };

export type HistoryJudgement = {
  /** What no reading allows. */
  problems: Problem[];
  /** Own messages not listed (yet): read again, and if they stay missing leave the rule unjudged. */
  missing: string[];
};

type Entry = { id?: unknown; chat_id?: unknown; direction?: unknown; created_at?: unknown; parts?: unknown };

const textsOf = (entry: Entry): string[] =>
  Array.isArray(entry.parts) ? (entry.parts as { type?: unknown; value?: unknown }[]).flatMap((p) => (p?.type === 'text' && typeof p.value === 'string' ? [p.value] : [])) : [];

const timeOf = (entry: Entry): number => (typeof entry.created_at === 'string' ? Date.parse(entry.created_at) : Number.NaN);

/** Own messages listed out of order where their timestamps differ: later-sent first, or stamped earlier than one sent before it. */
function orderProblem(listed: { entry: Entry; sentAt: number }[]): string | undefined {
  for (let i = 0; i < listed.length; i++) {
    for (let j = i + 1; j < listed.length; j++) {
      const [a, b] = [listed[i] as { entry: Entry; sentAt: number }, listed[j] as { entry: Entry; sentAt: number }];
      const [ta, tb] = [timeOf(a.entry), timeOf(b.entry)];
      if (Number.isNaN(ta) || Number.isNaN(tb) || ta === tb) continue; // one second's messages may come in any order
      if (a.sentAt > b.sentAt || ta > tb) return `${String(a.entry.id)} (${String(a.entry.created_at)}) is listed before ${String(b.entry.id)} (${String(b.entry.created_at)}), not oldest first`;
    }
  }
  return undefined;
}

/**
 * HISTORY-LIST (and the model's histories): `page` is a history answer's body, `own` the run's
 * messages in this chat in the order they were sent, one after another.
 */
export function judgeHistory(requirement: string, where: string, page: unknown, own: readonly OwnMessage[], elsewhere: Elsewhere = {}): HistoryJudgement {
  const body = page as { messages?: unknown; has_more?: unknown } | undefined;
  if (!Array.isArray(body?.messages) || typeof body?.has_more !== 'boolean') {
    return { problems: [problem(requirement, `${where} is not { messages: [...], has_more: boolean }: ${clip(JSON.stringify(page))}`)], missing: [] };
  }
  const entries = body.messages as Entry[];
  const sentAt = new Map(own.map((m, i) => [m.id, i]));
  const ownTexts = new Set(own.flatMap((m) => (m.text === undefined ? [] : [m.text])));
  const problems: Problem[] = [];
  const fail = (message: string) => problems.push(problem(requirement, `${where}: ${message}`));
  const seen = new Set<string>();
  const listedOwn: { entry: Entry; sentAt: number }[] = [];
  for (const entry of entries) {
    const id = String(entry?.id);
    if (elsewhere.chatId !== undefined && entry?.chat_id !== undefined && entry.chat_id !== elsewhere.chatId) fail(`${id} is a message of chat ${String(entry.chat_id)}`);
    const at = sentAt.get(id);
    if (at !== undefined) {
      if (seen.has(id)) fail(`message ${id} is listed twice`);
      seen.add(id);
      listedOwn.push({ entry, sentAt: at });
      const shape = validate('Message', entry);
      if (!shape.valid) fail(`message ${id}, which the run sent, is not a documented Message: ${shape.errors.join('; ')}`);
      continue;
    }
    if (typeof entry?.id !== 'string' || entry.id === '' || (entry.direction !== 'outbound' && entry.direction !== 'inbound')) fail(`an entry has no id or direction: ${clip(JSON.stringify(entry))}`);
    if (elsewhere.ids?.has(id)) fail(`message ${id} of another chat is listed`);
    const texts = textsOf(entry);
    const copied = texts.find((t) => ownTexts.has(t));
    if (entry.direction === 'outbound' && copied !== undefined) fail(`${id} is a second copy of the run's text ${JSON.stringify(clip(copied, 80))}`);
    const foreign = texts.find((t) => elsewhere.texts?.has(t));
    if (foreign !== undefined) fail(`${id} holds ${JSON.stringify(clip(foreign, 80))}, a text the run sent to another chat`);
  }
  const order = orderProblem(listedOwn);
  if (order) fail(order);
  if (entries.length < HISTORY_LIMIT && body.has_more !== false) fail(`${entries.length} message(s), fewer than ${HISTORY_LIMIT}, yet has_more is ${String(body.has_more)}`);
  // Only the most recent 200 are listed: older own messages may be gone from the page.
  const oldestKept = entries.length >= HISTORY_LIMIT ? Math.min(...listedOwn.map((o) => o.sentAt)) : 0;
  const missing = own.filter((m, i) => i >= oldestKept && !seen.has(m.id)).map((m) => m.id);
  return { problems, missing };
}

/** Copies of a text among a page's outbound entries (the run's texts are unique, so copies are sends). */
export function copiesOf(page: unknown, text: string): { ids: string[] } {
  const entries = ((page as { messages?: unknown } | undefined)?.messages ?? []) as Entry[];
  const ids = Array.isArray(entries) ? entries.filter((e) => e?.direction === 'outbound' && textsOf(e).includes(text)).map((e) => String(e.id)) : [];
  return { ids };
}
