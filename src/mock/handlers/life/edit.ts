// POST /api/v1/messages/{id}/edit (/api/messages/edit): replace a text part of an outbound message
// within Apple's 15 minutes of its send, on the mock's clock. Each call is a fresh edit.
import type { Tenant } from '../../../config/settings.ts';
import { apiError, failed, ok, type ApiError, type Result } from '../../errors.ts';
import type { FaultName } from '../../faults.ts';
import { field, isObject } from '../../parts.ts';
import { newMessage, timestamp } from '../../resources.ts';
import type { MockState } from '../../state.ts';
import type { Message, Reply } from '../../types.ts';
import type { components } from '../../../../schemas/chert-chats.d.ts';
import { findMessage, type FoundMessage } from './find-message.ts';
import { echoedMessageId } from './ids.ts';
import { leftGroupRefusal, lineUnavailable } from './rules.ts';

type EditMessageResponse = components['schemas']['EditMessageResponse'];

export const EDIT_WINDOW_MS = 15 * 60 * 1000;
/** edit-count-limit=apple-limit: iMessage lets a message be edited this many times. */
export const APPLE_EDIT_LIMIT = 5;

type Edit = { text: string; partIndex: number };

function readEdit(state: MockState, body: unknown, fault: FaultName | undefined): Result<Edit> {
  if (!isObject(body)) return failed(apiError(1002, 'The body must be a JSON object.'));
  const text = field(body, 'new_text');
  const empty = typeof text !== 'string' || text === '';
  if (empty && !(fault === 'edit-empty-accepted' && (text === '' || text === undefined))) {
    return failed(apiError(1002, '`new_text` is required and must not be empty.'));
  }
  const given = field(body, 'edited_part_index') ?? 0;
  // life-body-leniency=lenient: an index that is not a whole number is ignored (the default 0).
  const index = !Number.isInteger(given) && state.readings.is('life-body-leniency', 'lenient') ? 0 : given;
  if (!Number.isInteger(index) || (index as number) < 0) return failed(apiError(1002, '`edited_part_index` must be a whole number from 0.'));
  return ok({ text: typeof text === 'string' ? text : '', partIndex: index as number });
}

/**
 * Where in `parts` the part to edit is, or -1: the n-th text part (edited-part-index=text-part-count),
 * or part n itself when it is a text part (parts-index).
 */
function editedPart(state: MockState, message: Message, n: number): number {
  if (state.readings.is('edited-part-index', 'parts-index')) return message.parts[n]?.type === 'text' ? n : -1;
  let seen = -1;
  return message.parts.findIndex((part) => part.type === 'text' && ++seen === n);
}

/** edit-index-out-of-range: 400 / 1002 (the default), "no longer editable" 502 / 4001, or another refusal. */
function noSuchPart(state: MockState, n: number): ApiError {
  switch (state.readings.of('edit-index-out-of-range')) {
    case 'not-editable':
      return apiError(4001, `Part ${n} of the bubble is not editable.`);
    case 'other-refusal':
      return apiError(1002, `The message has no text part ${n}.`, { status: 422 });
    default:
      return apiError(1002, `The message has no text part ${n}.`);
  }
}

/** edit-inbound-answer: 400 / 1002 (the default), 502 / 4001 "not editable", or 404 / 2003. */
function inboundRefusal(state: MockState): ApiError {
  switch (state.readings.of('edit-inbound-answer')) {
    case 'not-editable':
      return apiError(4001, 'The bubble is no longer editable.');
    case 'not-found':
      return apiError(2003);
    default:
      return apiError(1002, 'Only outbound messages can be edited.');
  }
}

/** edit-window-code: past 15 minutes, 502 / 4001 (the default), the catalog's 4099 at 422, or 4001 not retryable. */
function windowClosed(state: MockState): ApiError {
  switch (state.readings.of('edit-window-code')) {
    case 'catalog-4099':
      return apiError(4099, 'Edits past 15 minutes are not supported.', { status: 422 });
    case 'route-override':
      return apiError(4001, 'The 15-minute edit window has closed.', { retryable: false });
    default:
      return apiError(4001, 'The 15-minute edit window has closed.');
  }
}

function refusal(state: MockState, found: FoundMessage): ApiError | undefined {
  const { message, record, chat } = found;
  const gone = leftGroupRefusal(state, chat, 'edit');
  if (gone) return gone;
  if (message.direction !== 'outbound' && state.fault !== 'edit-inbound-accepted') return inboundRefusal(state);
  const open = state.clock.now() - record.sentAtMs <= EDIT_WINDOW_MS || state.fault === 'edit-window-unchecked';
  if (!open) return windowClosed(state);
  if (record.edits.length >= APPLE_EDIT_LIMIT && state.readings.is('edit-count-limit', 'apple-limit')) return apiError(4001, 'The bubble is no longer editable.');
  return lineUnavailable(state, chat, 'edit');
}

export function editMessage(state: MockState, tenant: Tenant, messageId: string, body: unknown): Reply {
  const found = findMessage(state, tenant, messageId, state.fault === 'edit-cross-tenant');
  if (!found.ok) return { error: found.error };
  const edit = readEdit(state, body, state.fault);
  if (!edit.ok) return { error: edit.error };
  const refused = refusal(state, found.value);
  if (refused) return { error: refused };
  const { message, chat, record } = found.value;
  const at = editedPart(state, message, edit.value.partIndex);
  if (at < 0) return { error: noSuchPart(state, edit.value.partIndex) };
  const old = message.parts[at] as { type: 'text'; value: string };
  const editedAt = new Date(state.clock.now()).toISOString();
  // A new message object: answers already given (and stored for idempotent replays) keep the old text.
  const parts = message.parts.map((part, i) => (i === at ? { type: 'text' as const, value: edit.value.text } : part));
  // history-after-edit: the row shows the new text (the default), keeps what was sent, or gets an entry of its own.
  state.store.revise(record, { ...message, parts });
  if (state.readings.is('history-after-edit', 'separate-entry')) state.store.send(chat, newMessage(chat.chat.id, [{ type: 'text', value: edit.value.text }], timestamp(undefined), undefined));
  record.edits.push({ text: old.value, replaced_at: editedAt });
  const response: EditMessageResponse = {
    status: 'edited',
    message_id: echoedMessageId(state, message.id),
    new_text: state.fault === 'edit-echoes-old-text' ? old.value : edit.value.text,
    date_edited: editedAt,
    edit_history: record.edits.map((e) => ({ ...e })),
  };
  return { status: 200, body: response };
}
