// The answers the routes after creation may give where the docs leave a choice open
// (specs/open-choices.yaml, the chat-life entries), as sets, and the documented refusals that leave
// a positive check with nothing to judge.
import { errorCode, type Answer } from './answer.ts';
import { anyOf, ANY_4XX, rejectedWith, spanning, type Expected } from './expected.ts';

/** 4099 with the errors catalog's 422 or the route page's status (LIFECYCLE-4099-STATUS). */
export const noPinnedLine = (pageStatus: 422 | 501): Expected => spanning(rejectedWith([...new Set([422, pageStatus])], 4099), 'lifecycle-4099-status');

/** A chat id where a message id goes: no such message, or the catalog's "resource type mismatch". */
export const NOT_A_MESSAGE: Expected = spanning(anyOf(rejectedWith(404, 2003), rejectedWith(409, 1011)), 'wrong-kind-of-id');

/** An edit past Apple's 15 minutes: the edit page's 4001, or the catalog's own example of 4099. */
export const EDIT_WINDOW_CLOSED: Expected = spanning(anyOf(rejectedWith(502, 4001), rejectedWith([422, 501], 4099)), 'edit-window-code');

/** An edit of a part the message does not have: any refusal, or "no longer editable". */
export const NO_SUCH_PART: Expected = spanning(anyOf(ANY_4XX, rejectedWith(502, 4001)), 'edit-index-out-of-range', 'edited-part-index');

/** Where a positive check meets a documented refusal, what it is; undefined when the answer is to be judged. */
export type Unjudged = { why: string; choice: string };

/**
 * Documented refusals that say nothing about the rule a positive check proves: iMessage refusing
 * the operation (502 / 4001: the recipients are fictional, undeliverable-recipient), and a line
 * not pinned yet (4099, line-ready-after-create) on the routes whose pages list it.
 */
export function unjudgedAnswer(answer: Pick<Answer, 'status' | 'json'>, lineRoute = true): Unjudged | undefined {
  const code = errorCode(answer);
  if (answer.status === 502 && code === 4001) return { why: 'a documented downstream refusal (502 / 4001)', choice: 'undeliverable-recipient' };
  if (lineRoute && (answer.status === 422 || answer.status === 501) && code === 4099) return { why: `the line is not ready for this chat (${answer.status} / 4099)`, choice: 'line-ready-after-create' };
  return undefined;
}
