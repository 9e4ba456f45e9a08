// The live-safety guard: no request that could create a chat, send a message or change a chat
// leaves the process unless it touches only chats and messages this run created (or ids it made
// up to probe "not found") and every number or email it names is fictional or explicitly allowed.
// A method the docs do not list on a path is judged as the worst a lenient server could make of
// it: a write reaches only what the run created, and none leaves a safe-profile run. The path is
// judged as a lenient server may route it (decoded, dot segments resolved, any letter case). It
// throws, loudly.
import { isFictionalEmail } from '../domain/emails.ts';
import { couldReachSomeone } from '../domain/phones.ts';
import { isDocumented } from '../contract/routes.ts';

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
  /** The run's profile: `safe` sends no write method the docs do not list. */
  profile?: 'full' | 'safe';
};

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

/** A segment %-decoded, or as sent when it is not valid %-encoding (a lenient server may keep it so). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The path's segments as a lenient server may route them: query and fragment dropped, each
 * segment %-decoded (a decoded slash splits it), empty and `.` segments dropped, `..` resolved.
 * So `/api/v1/chats/own/../someone-elses/leave` and `/api/v1/chats%2Fsomeone-elses` are judged
 * as what they reach.
 */
export function routedSegments(path: string): string[] {
  const out: string[] = [];
  for (const raw of (path.split(/[?#]/)[0] as string).split('/')) {
    for (const segment of decoded(raw).split('/')) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..') out.pop();
      else out.push(segment);
    }
  }
  return out;
}

/** Methods that change nothing (RFC 9110 safe methods). */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

const literal = (segments: readonly string[], i: number, word: string) => segments[i]?.toLowerCase() === word;
const underApiV1 = (s: readonly string[]) => literal(s, 0, 'api') && literal(s, 1, 'v1');

function requireOwn(kind: 'chat' | 'message', id: string, known: ReadonlySet<string> | undefined, fabricated: ReadonlySet<string> | undefined): void {
  if (known?.has(id) || fabricated?.has(id)) return;
  throw new UnsafeRequestError(`Refused to act on ${kind} ${id.slice(0, 80)}: this run did not create it.`);
}

function requireCreated(kind: 'chat' | 'message', id: string, method: string, known: ReadonlySet<string> | undefined): void {
  if (known?.has(id)) return;
  throw new UnsafeRequestError(`Refused to send ${method}, which the docs do not list there, to ${kind} ${id.slice(0, 80)}: only a ${kind} this run created may get a method the docs do not list.`);
}

/**
 * Throws UnsafeRequestError unless the request is safe to send (see the module comment). Beyond
 * the documented routes (a method a path does not list, a path no route has): a read goes only to
 * the run's own or made-up ids; a write method only to a chat or message the run created, and in
 * the safe profile to no path of the API at all.
 */
export function assertSafeRequest(method: string, path: string, body: Buffer | undefined, ctx: GuardContext): void {
  const segments = routedSegments(path);
  const documented = isDocumented(method, segments);
  const read = READS.has(method.toUpperCase());
  if (read && documented) return; // Documented reads change nothing.
  if (!read && !documented && ctx.profile === 'safe' && literal(segments, 0, 'api')) {
    throw new UnsafeRequestError(`Refused to send ${method} ${path.slice(0, 120)}: the safe profile sends no write method the docs do not list.`);
  }
  const resource = underApiV1(segments) ? segments[2]?.toLowerCase() : undefined;
  const id = segments[3];
  if (resource === 'chats' && id === undefined) {
    // A create, or a write a lenient server might read as one: its recipients are judged.
    if (!read) refuseUnreachable(valuesOf(body, ['to']), ctx.allowlist, 'a create');
    return;
  }
  if ((resource !== 'chats' && resource !== 'messages') || id === undefined) return;
  const kind = resource === 'chats' ? 'chat' : 'message';
  const known = kind === 'chat' ? ctx.knownChatIds : ctx.knownMessageIds;
  const fabricated = kind === 'chat' ? ctx.fabricatedChatIds : ctx.fabricatedMessageIds;
  if (!read && !documented) requireCreated(kind, id, method, known);
  else requireOwn(kind, id, known, fabricated);
  // Whatever the method, a write to a chat's roster may add whom its body names.
  if (!read && kind === 'chat' && literal(segments, 4, 'participants') && segments.length === 5) {
    refuseUnreachable(valuesOf(body, ['address', 'handle']), ctx.allowlist, 'an added participant');
  }
}
