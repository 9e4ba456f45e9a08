// The live-safety guard: no request that could create a chat or send a message leaves the
// process unless every recipient is fictional or explicitly allowed. It throws, loudly.
import { couldReachSomeone } from './phones.ts';

export class UnsafeRequestError extends Error {
  override name = 'UnsafeRequestError';
}

export type GuardContext = {
  allowlist: readonly string[];
  /** Chat ids this process created (their members are fictional or allowed). */
  knownChatIds: ReadonlySet<string>;
  /** Ids the suite made up to probe "chat not found"; they name no chat. */
  fabricatedChatIds: ReadonlySet<string>;
};

const FOLLOW_UP = /^\/api\/v1\/chats\/([^/]+)\/messages$/;

function recipientsOf(body: Buffer | undefined): unknown[] {
  if (!body || body.length === 0) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return []; // Not JSON: no server may accept it, so it reaches nobody.
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const to = (parsed as { to?: unknown }).to;
  return Array.isArray(to) ? to : to === undefined ? [] : [to];
}

export function assertSafeRequest(method: string, path: string, body: Buffer | undefined, ctx: GuardContext): void {
  if (method !== 'POST') return;
  if (path === '/api/v1/chats') {
    for (const recipient of recipientsOf(body)) {
      const text = typeof recipient === 'number' ? String(recipient) : recipient;
      if (typeof text === 'string' && couldReachSomeone(text, ctx.allowlist)) {
        throw new UnsafeRequestError(
          `Refused to send a create to ${text}: it is neither in a fictional range nor in CHERT_LIVE_RECIPIENTS.`,
        );
      }
    }
    return;
  }
  const followUp = FOLLOW_UP.exec(path);
  if (followUp) {
    const id = decodeURIComponent(followUp[1] as string);
    if (!ctx.knownChatIds.has(id) && !ctx.fabricatedChatIds.has(id)) {
      throw new UnsafeRequestError(`Refused to send a message to chat ${id}: this run did not create it.`);
    }
  }
}
