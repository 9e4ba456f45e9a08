// PUT /api/v1/chats/{id} (/api/group-chats/rename): a group's name and icon; the last write wins.
import { createHash } from 'node:crypto';
import type { Tenant } from '../../../config/settings.ts';
import { apiError, failed, ok, type Result } from '../../errors.ts';
import type { FaultName } from '../../faults.ts';
import { field, isObject } from '../../parts.ts';
import type { MockState } from '../../state.ts';
import type { ChatRecord } from '../../store.ts';
import type { Reply } from '../../types.ts';
import type { components } from '../../../../schemas/chert-chats.d.ts';
import { findChat } from '../find-chat.ts';
import { listEvent } from './events.ts';
import { echoedChatId } from './ids.ts';
import { groupOnly, lineUnavailable } from './rules.ts';

type UpdateChatResponse = components['schemas']['UpdateChatResponse'];
type Update = { name: string | undefined; icon: string | undefined };

const absent = (value: unknown): boolean => value === undefined || value === null;
/** rename-trim-characters=control-characters-refused: tabs, line breaks and other C0 controls. */
// eslint-disable-next-line no-control-regex -- the control characters are the point
const CONTROL = /[\u0000-\u001f\u007f]/;

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** "Trimmed": white space of every kind (the default), or spaces only (rename-trim-characters). */
const trimmed = (state: MockState, raw: string): string => (state.readings.is('rename-trim-characters', 'spaces-only') ? raw.replace(/^ +| +$/g, '') : raw.trim());

function readName(state: MockState, body: Record<string, unknown>, fault: FaultName | undefined): Result<string | undefined> {
  const raw = field(body, 'display_name');
  // life-body-leniency=lenient: a wrongly typed optional field is ignored, as if absent.
  if (absent(raw) || (typeof raw !== 'string' && state.readings.is('life-body-leniency', 'lenient'))) return ok(undefined);
  if (typeof raw !== 'string') return failed(apiError(1002, '`display_name` must be a string.'));
  if (CONTROL.test(raw) && state.readings.is('rename-trim-characters', 'control-characters-refused')) return failed(apiError(1002, '`display_name` must not hold control characters.'));
  // rename-not-trimmed: stored as sent, surrounding spaces and all.
  const name = fault === 'rename-not-trimmed' ? raw : trimmed(state, raw);
  if (trimmed(state, name) === '' && fault !== 'rename-blank-accepted') return failed(apiError(1002, '`display_name` must not be empty.'));
  return ok(name);
}

function readIcon(state: MockState, body: Record<string, unknown>): Result<string | undefined> {
  const icon = field(body, 'group_chat_icon');
  if (absent(icon) || (typeof icon !== 'string' && state.readings.is('life-body-leniency', 'lenient'))) return ok(undefined);
  // rename-icon-scheme: the page types the icon as an https URL but lists no error for another form.
  return typeof icon === 'string' && (isHttpsUrl(icon) || state.readings.is('rename-icon-scheme', 'taken')) ? ok(icon) : failed(apiError(1002, '`group_chat_icon` must be an https URL.'));
}

/** The update a body asks for; a body with neither field changes nothing (the docs are silent on it). */
function readUpdate(state: MockState, raw: unknown, fault: FaultName | undefined): Result<Update> {
  const body = raw === null && state.readings.is('life-body-leniency', 'lenient') ? {} : raw;
  if (!isObject(body)) return failed(apiError(1002, 'The body must be a JSON object.'));
  const name = readName(state, body, fault);
  if (!name.ok) return name;
  const icon = readIcon(state, body);
  if (!icon.ok) return icon;
  return ok({ name: name.value, icon: icon.value });
}

/** rename-icon-handling: the icon as sent (the default), a rehosted copy, or refused when it cannot be fetched. */
function storedIcon(state: MockState, icon: string): Result<string> {
  switch (state.readings.of('rename-icon-handling')) {
    case 'rehosted':
      return ok(`https://cdn.chert.invalid/icons/${createHash('sha256').update(icon).digest('hex').slice(0, 16)}.png`);
    case 'fetched-refused':
      return failed(apiError(4001, 'The icon could not be fetched.'));
    default:
      return ok(icon);
  }
}

/** The update, or whatever stops it before it is applied, in the order of the mock's readings. */
function checked(state: MockState, record: ChatRecord, update: Result<Update>): Result<Update> {
  if (state.readings.is('refusal-order', 'body-first') && !update.ok) return update;
  const refused = groupOnly(state, record, 'rename', state.fault === 'rename-direct-accepted') ?? lineUnavailable(state, record, 'rename');
  if (refused) return failed(refused);
  return update;
}

export function updateChat(state: MockState, tenant: Tenant, chatId: string, body: unknown): Reply {
  const found = findChat(state, tenant, chatId);
  if (!found.ok) return { error: found.error };
  const record = found.value;
  const update = checked(state, record, readUpdate(state, body, state.fault));
  if (!update.ok) return { error: update.error };
  const { name, icon: sentIcon } = update.value;
  const icon = sentIcon === undefined ? undefined : storedIcon(state, sentIcon);
  if (icon && !icon.ok) return { error: icon.error };
  // A new chat object: the create's stored answer (replayed under its idempotency key) keeps the old name.
  if (name !== undefined) {
    record.chat = { ...record.chat, display_name: name };
    listEvent(state, record, `named the conversation “${name}”`);
  }
  if (icon !== undefined) record.life.icon = icon.value;
  // rename-partial-update=replace: PUT sets both fields, so the one left out is cleared.
  if (state.readings.is('rename-partial-update', 'replace') && (name === undefined) !== (icon === undefined)) {
    if (name === undefined) record.chat = { ...record.chat, display_name: null };
    else record.life.icon = null;
  }
  const { chat } = record;
  const response: UpdateChatResponse = {
    chat: { id: echoedChatId(state, chat.id), display_name: chat.display_name, group_chat_icon: record.life.icon, is_group: chat.is_group as true },
  };
  return { status: 200, body: response };
}
