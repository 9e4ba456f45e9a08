// The answers the routes after creation may give where the docs leave a choice open
// (specs/open-choices.yaml, the chat-life entries), as sets, and the documented refusals that leave
// a positive check with nothing to judge.
import { errorCode, type Answer } from './answer.ts';
import { anyOf, ANY_4XX, rejectedWith, spanning, SUCCESS, type Expected } from './expected.ts';

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

/** Operations that act on a chat through its pinned line (the pages of typing, mark-read, the group operations and edit). */
const LINE_OPERATIONS = new Set(['sendTyping', 'markRead', 'updateChat', 'addParticipant', 'removeParticipant', 'leaveChat', 'editMessage']);
/** Operations iMessage may refuse at once for a fictional recipient (502 / 4001). */
const DOWNSTREAM_OPERATIONS = new Set([...LINE_OPERATIONS, 'sendMessage', 'reactToMessage']);
/** Optional fields of the life routes a lenient server ignores when wrongly typed (life-body-leniency). */
const LENIENT_FIELDS: Record<string, readonly string[]> = { updateChat: ['display_name', 'group_chat_icon'], editMessage: ['edited_part_index'] };

/**
 * What a generated case on a route after creation may also get, beside the answer its schema rule
 * expects, under the readings of the chat-life choices: 4099 while the line is not pinned, a
 * downstream refusal, typing refused in a group or its state taken leniently, and a wrongly typed
 * optional field ignored. `field`: the top-level body field the case changes, when it changes one.
 * Never applied to an auth rejection (it would pass an unauthenticated request).
 */
export function lifeAnswers(operationId: string, field?: string): Expected {
  const sets: Expected[] = [];
  if (LINE_OPERATIONS.has(operationId)) sets.push(spanning(rejectedWith([422, 501], 4099), 'line-ready-after-create'));
  if (DOWNSTREAM_OPERATIONS.has(operationId)) sets.push(spanning(rejectedWith(502, 4001), 'undeliverable-recipient'));
  if (operationId === 'sendTyping') {
    sets.push(spanning(rejectedWith(400, 1006), 'typing-in-groups'));
    if (field === 'state') sets.push(spanning(anyOf(rejectedWith(422, 1002), SUCCESS), 'typing-invalid-state'));
  }
  if (field !== undefined && LENIENT_FIELDS[operationId]?.includes(field)) sets.push(spanning(SUCCESS, 'life-body-leniency'));
  return anyOf(...sets);
}
