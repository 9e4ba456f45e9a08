// POST /api/v1/chats/{id}/participants and DELETE .../participants/{address}
// (/api/group-chats/add-participant, /remove-participant): a group's roster.
import type { Tenant } from '../../../config/settings.ts';
import { apiError, failed, ok, type Result } from '../../errors.ts';
import type { FaultName } from '../../faults.ts';
import { field, isObject } from '../../parts.ts';
import { isE164 } from '../../phones.ts';
import type { MockState } from '../../state.ts';
import type { ChatRecord } from '../../store.ts';
import type { Reply } from '../../types.ts';
import type { components } from '../../../../schemas/chert-chats.d.ts';
import { findChat } from '../find-chat.ts';
import { belowFloor, groupOnly, groupSize, lineUnavailable, MIN_GROUP_SIZE } from './rules.ts';

type Schemas = components['schemas'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The group the roster routes act on, or why not. */
function rosterOf(state: MockState, tenant: Tenant, chatId: string): Result<ChatRecord> {
  const found = findChat(state, tenant, chatId);
  if (!found.ok) return found;
  const refused = groupOnly(found.value, state.fault === 'participant-direct-accepted') ?? lineUnavailable(found.value, 'participants', state.fault);
  return refused ? failed(refused) : found;
}

/** `address`, or its alias `handle`, normalised: emails lowercased, numbers as E.164. */
function readAddress(body: unknown, fault: FaultName | undefined): Result<string> {
  const raw = isObject(body) ? (field(body, 'address') ?? field(body, 'handle')) : undefined;
  if (raw === undefined || raw === null || raw === '') {
    return failed(apiError(fault === 'participant-add-missing-1002' ? 1002 : 1001, '`address` is required (an E.164 number or an email).'));
  }
  if (typeof raw !== 'string') return failed(apiError(1002, '`address` must be a string.'));
  if (raw.includes('@')) return EMAIL.test(raw) ? ok(raw.toLowerCase()) : failed(apiError(1002, '`address` is not a valid email address.'));
  return isE164(raw, undefined) ? ok(raw) : failed(apiError(1003, '`address` is not an E.164 number.'));
}

export function addParticipant(state: MockState, tenant: Tenant, chatId: string, body: unknown): Reply {
  const group = rosterOf(state, tenant, chatId);
  if (!group.ok) return { error: group.error };
  const address = readAddress(body, state.fault);
  if (!address.ok) return { error: address.error };
  const { life } = group.value;
  const before = [...life.participants];
  // Adding a member again is a no-op; participant-add-duplicates appends it anyway.
  const isMember = life.participants.includes(address.value) || address.value === life.line;
  if (!isMember || state.fault === 'participant-add-duplicates') life.participants.push(address.value);
  const participants = state.fault === 'participant-add-roster-stale' ? before : [...life.participants];
  const response: Schemas['AddParticipantResponse'] = { chat_id: group.value.chat.id, added: address.value, participants };
  return { status: 200, body: response };
}

function decodedAddress(raw: string, fault: FaultName | undefined): string | undefined {
  // participant-remove-undecoded: the path segment is compared as sent, so %2B1415… matches no one.
  if (fault === 'participant-remove-undecoded') return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

export function removeParticipant(state: MockState, tenant: Tenant, chatId: string, rawAddress: string): Reply {
  const group = rosterOf(state, tenant, chatId);
  if (!group.ok) return { error: group.error };
  const address = decodedAddress(rawAddress, state.fault);
  const { life } = group.value;
  const at = address === undefined ? -1 : life.participants.findIndex((p) => p.toLowerCase() === address.toLowerCase());
  if (at < 0 && state.fault !== 'participant-remove-twice-ok') return { error: apiError(1001, 'That address is not in this group.') };
  if (at >= 0) {
    if (groupSize(group.value) - 1 < MIN_GROUP_SIZE && state.fault !== 'participant-floor-ignored') return { error: belowFloor() };
    life.participants.splice(at, 1);
  }
  const response: Schemas['RemoveParticipantResponse'] = { chat_id: group.value.chat.id, removed: address ?? rawAddress, participants: [...life.participants] };
  return { status: 200, body: response };
}
