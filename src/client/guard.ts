// The live-safety guard: no request that could create a chat, send a message or change a chat
// leaves the process unless it touches only chats and messages this run created (or ids it made
// up to probe "not found") and every number or email it names is fictional or explicitly allowed.
// It throws, loudly.
import { isFictionalEmail } from '../domain/emails.ts';
import { couldReachSomeone } from '../domain/phones.ts';

export class UnsafeRequestError extends Error {
  override name = 'UnsafeRequestError';
}

export type GuardContext = {
  allowlist: readonly string[];
  /** Chat ids this process created (their members are fictional or allowed). */
  knownChatIds: ReadonlySet<string>;
  /** Ids the suite made up to probe "chat not found"; they name no chat. */
  fabricatedChatIds: ReadonlySet<string>;
  /** Message ids this process's creates and follow-ups returned. */
  knownMessageIds?: ReadonlySet<string>;
  /** Message ids the suite made up to probe "message not found". */
  fabricatedMessageIds?: ReadonlySet<string>;
};

/** Every route that acts on a chat: follow-ups, typing, mark-read, rename, participants, leave. */
const CHAT_ROUTE = /^\/api\/v1\/chats\/([^/]+)(\/.*)?$/;
/** Every route that acts on a message: react, edit. */
const MESSAGE_ROUTE = /^\/api\/v1\/messages\/([^/]+)(\/.*)?$/;
const ADD_PARTICIPANT = /^\/api\/v1\/chats\/[^/]+\/participants\/?$/;

function parsedBody(body: Buffer | undefined): Record<string, unknown> | undefined {
  if (!body || body.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // Not JSON: no server may accept it, so it reaches nobody.
  }
}

/** The values of `keys`, each array flattened: what a lenient server might read as addresses. */
function valuesOf(body: Buffer | undefined, keys: readonly string[]): unknown[] {
  const parsed = parsedBody(body);
  if (!parsed) return [];
  return keys.flatMap((key) => {
    const value = parsed[key];
    // Nested arrays too: a lenient server may flatten `[["+1…"]]` into a recipient.
    return Array.isArray(value) ? (value.flat(Infinity) as unknown[]) : value === undefined ? [] : [value];
  });
}

function refuseUnreachable(values: unknown[], allowlist: readonly string[], what: string): void {
  for (const value of values) {
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string') continue;
    // An email reaches a real person whatever its digits: only one at a reserved domain, or an
    // allowlisted one, may be named.
    const unsafe = text.includes('@')
      ? !isFictionalEmail(text) && !allowlist.some((a) => a.toLowerCase() === text.trim().toLowerCase())
      : couldReachSomeone(text, allowlist);
    if (unsafe) throw new UnsafeRequestError(`Refused to send ${what} naming ${text}: it is neither in a fictional range nor in CHERT_LIVE_RECIPIENTS.`);
  }
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function requireOwn(kind: 'chat' | 'message', segment: string, known: ReadonlySet<string> | undefined, fabricated: ReadonlySet<string> | undefined): void {
  const id = decoded(segment);
  if (id !== undefined && (known?.has(id) || fabricated?.has(id))) return;
  throw new UnsafeRequestError(`Refused to act on ${kind} ${id ?? segment}: this run did not create it.`);
}

export function assertSafeRequest(method: string, path: string, body: Buffer | undefined, ctx: GuardContext): void {
  if (method === 'GET' || method === 'HEAD') return; // Reads change nothing.
  // A lenient server may ignore a trailing slash or the case of the path: judge what it would route.
  const route = (path.split('?')[0] as string).replace(/\/+$/, '');
  if (route.toLowerCase() === '/api/v1/chats') {
    if (method === 'POST') refuseUnreachable(valuesOf(body, ['to']), ctx.allowlist, 'a create');
    return;
  }
  const chat = CHAT_ROUTE.exec(route);
  if (chat) {
    requireOwn('chat', chat[1] as string, ctx.knownChatIds, ctx.fabricatedChatIds);
    if (ADD_PARTICIPANT.test(route)) refuseUnreachable(valuesOf(body, ['address', 'handle']), ctx.allowlist, 'an added participant');
    return;
  }
  const message = MESSAGE_ROUTE.exec(route);
  if (message) requireOwn('message', message[1] as string, ctx.knownMessageIds, ctx.fabricatedMessageIds);
}
