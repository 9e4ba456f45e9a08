// What a created chat and its first message must hold (/api/chats/create, /api/group-chats/create).
import { isDeepStrictEqual } from 'node:util';
import { storedForms } from '../domain/text.ts';
import { clip } from './answer.ts';
import { problem, type Problem } from './problem.ts';

/** A part as the suite sends it. */
export type SentPart =
  | { type: 'text'; value: string }
  | { type: 'media'; attachment_id: string }
  | { type: 'rich_link'; url: string; title?: string };

type Handle = { service?: unknown; address?: unknown };

/** CHAT-GROUP-HANDLES (and CHAT-ONE-TO-ONE for one): the handles are the `to` numbers, in order, each over imessage. */
export function handlesProblem(requirement: string, chat: { handles?: unknown } | undefined, to: readonly string[]): Problem | undefined {
  const handles = chat?.handles;
  if (!Array.isArray(handles)) return problem(requirement, `chat.handles is not a list: ${clip(JSON.stringify(chat))}`);
  const addresses = (handles as Handle[]).map((h) => h?.address);
  if (!isDeepStrictEqual(addresses, [...to])) return problem(requirement, `handles ${JSON.stringify(addresses)} are not the to list ${JSON.stringify(to)} in order`);
  const other = (handles as Handle[]).find((h) => h?.service !== 'imessage');
  return other ? problem(requirement, `a handle has service ${JSON.stringify(other.service)}, not "imessage"`) : undefined;
}

/** A link as sent, or parsed and written again (rich-link-url-normalised). */
function sameLink(sent: string, echoed: unknown): boolean {
  if (echoed === sent) return true;
  try {
    return echoed === new URL(sent).href;
  } catch {
    return false;
  }
}

/**
 * Does an echoed part stand for this sent part? Fields of its own a server adds pass
 * (echo-part-extra-fields); a text may come back in a form a server may store it in
 * (text-normalisation), a link parsed and written again (rich-link-url-normalised).
 */
function echoes(sent: SentPart, echoed: unknown): boolean {
  const e = echoed as Record<string, unknown> | null;
  if (typeof e !== 'object' || e === null || e.type !== sent.type) return false;
  if (sent.type === 'text') return typeof e.value === 'string' && storedForms(sent.value).has(e.value);
  if (sent.type === 'media') return e.attachment_id === sent.attachment_id;
  return sameLink(sent.url, e.url) && (sent.title === undefined || e.title === sent.title);
}

/**
 * CHAT-MESSAGE-PARTS-ECHO: the echo holds every sent text part, in order, and only parts that were
 * sent, in the order sent. A rich link may be left out: the docs' 1:1 example echoes only the text.
 */
export function partsEchoProblem(sent: readonly SentPart[], echoed: unknown, requirement = 'CHAT-MESSAGE-PARTS-ECHO'): Problem | undefined {
  if (!Array.isArray(echoed)) return problem(requirement, `message.parts is not a list: ${clip(JSON.stringify(echoed))}`);
  const both = `sent ${clip(JSON.stringify(sent))}, echoed ${clip(JSON.stringify(echoed))}`;
  let next = 0;
  for (const part of echoed) {
    while (next < sent.length && !echoes(sent[next] as SentPart, part)) {
      if (sent[next]?.type === 'text') return problem(requirement, `text part ${next} is missing from the echo: ${both}`);
      next++;
    }
    if (next === sent.length) return problem(requirement, `the echo holds ${clip(JSON.stringify(part))}, which was not sent (in this order): ${both}`);
    next++;
  }
  const missing = sent.findIndex((p, i) => i >= next && p.type === 'text');
  return missing >= 0 ? problem(requirement, `text part ${missing} is missing from the echo: ${both}`) : undefined;
}
