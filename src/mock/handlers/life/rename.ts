// PUT /api/v1/chats/{id} (/api/group-chats/rename): a group's name and icon; the last write wins.
import type { Tenant } from '../../../config/settings.ts';
import { apiError, failed, ok, type Result } from '../../errors.ts';
import type { FaultName } from '../../faults.ts';
import { field, isObject } from '../../parts.ts';
import type { MockState } from '../../state.ts';
import type { Reply } from '../../types.ts';
import type { components } from '../../../../schemas/chert-chats.d.ts';
import { findChat } from '../find-chat.ts';
import { groupOnly, lineUnavailable } from './rules.ts';

type UpdateChatResponse = components['schemas']['UpdateChatResponse'];
type Update = { name: string | undefined; icon: string | undefined };

const absent = (value: unknown): boolean => value === undefined || value === null;

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function readName(body: Record<string, unknown>, fault: FaultName | undefined): Result<string | undefined> {
  const raw = field(body, 'display_name');
  if (absent(raw)) return ok(undefined);
  if (typeof raw !== 'string') return failed(apiError(1002, '`display_name` must be a string.'));
  // rename-not-trimmed: stored as sent, surrounding spaces and all.
  const name = fault === 'rename-not-trimmed' ? raw : raw.trim();
  if (name.trim() === '' && fault !== 'rename-blank-accepted') return failed(apiError(1002, '`display_name` must not be empty.'));
  return ok(name);
}

/** The update a body asks for; a body with neither field changes nothing (the docs are silent on it). */
function readUpdate(body: unknown, fault: FaultName | undefined): Result<Update> {
  if (!isObject(body)) return failed(apiError(1002, 'The body must be a JSON object.'));
  const name = readName(body, fault);
  if (!name.ok) return name;
  const icon = field(body, 'group_chat_icon');
  if (!absent(icon) && !(typeof icon === 'string' && isHttpsUrl(icon))) return failed(apiError(1002, '`group_chat_icon` must be an https URL.'));
  return ok({ name: name.value, icon: absent(icon) ? undefined : (icon as string) });
}

export function updateChat(state: MockState, tenant: Tenant, chatId: string, body: unknown): Reply {
  const found = findChat(state, tenant, chatId);
  if (!found.ok) return { error: found.error };
  const record = found.value;
  const refused = groupOnly(record, state.fault === 'rename-direct-accepted') ?? lineUnavailable(record, 'rename', state.fault);
  if (refused) return { error: refused };
  const update = readUpdate(body, state.fault);
  if (!update.ok) return { error: update.error };
  // A new chat object: the create's stored answer (replayed under its idempotency key) keeps the old name.
  if (update.value.name !== undefined) record.chat = { ...record.chat, display_name: update.value.name };
  if (update.value.icon !== undefined) record.life.icon = update.value.icon;
  const { chat } = record;
  const response: UpdateChatResponse = {
    chat: { id: chat.id, display_name: chat.display_name, group_chat_icon: record.life.icon, is_group: chat.is_group as true },
  };
  return { status: 200, body: response };
}
