// POST /api/v1/chats/{id}/participants and DELETE .../participants/{address}
// (/api/group-chats/add-participant, /remove-participant): a group's roster.
import type { Tenant } from '../../../config/settings.ts';
import { apiError, failed, ok, type ApiError, type Result } from '../../errors.ts';
import type { FaultName } from '../../faults.ts';
import { field, isObject } from '../../parts.ts';
import { isE164 } from '../../phones.ts';
import type { MockState } from '../../state.ts';
import type { ChatRecord } from '../../store.ts';
import type { Reply } from '../../types.ts';
import type { components } from '../../../../schemas/chert-chats.d.ts';
import { findChat } from '../find-chat.ts';
import { listEvent } from './events.ts';
import { echoedChatId } from './ids.ts';
import { belowFloor, groupOnly, groupSize, lineUnavailable, MAX_GROUP_MEMBERS, MIN_GROUP_SIZE, rosterOf } from './rules.ts';

type Schemas = components['schemas'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Why the roster routes cannot act on this chat (its kind, the line), before or after the body (refusal-order). */
function chatRefusal(state: MockState, record: ChatRecord): ApiError | undefined {
  const route = 'participants';
  return groupOnly(state, record, route, state.fault === 'participant-direct-accepted') ?? lineUnavailable(state, record, route);
}

/** participant-address-invalid-code: which code a malformed address gets (invalid-value: always 1002). */
function malformed(state: MockState, fallback: 1002 | 1003, message: string): ApiError {
  return apiError(state.readings.is('participant-address-invalid-code', 'invalid-value') ? 1002 : fallback, message);
}

/** `address`, or its alias `handle`, normalised: emails lowercased, numbers as E.164. */
function readAddress(state: MockState, body: unknown, fault: FaultName | undefined): Result<string> {
  let raw = isObject(body) ? (field(body, 'address') ?? field(body, 'handle')) : undefined;
  // life-body-leniency=lenient: a number is read as the E.164 number of its digits.
  if (typeof raw === 'number' && state.readings.is('life-body-leniency', 'lenient')) raw = `+${raw}`;
  if (raw === undefined || raw === null || raw === '') {
    return failed(apiError(fault === 'participant-add-missing-1002' ? 1002 : 1001, '`address` is required (an E.164 number or an email).'));
  }
  if (typeof raw !== 'string') return failed(apiError(state.readings.is('participant-address-invalid-code', 'missing') ? 1001 : 1002, '`address` must be a string.'));
  if (raw.includes('@')) return EMAIL.test(raw) ? ok(raw.toLowerCase()) : failed(malformed(state, 1002, '`address` is not a valid email address.'));
  return isE164(raw, undefined) ? ok(raw) : failed(malformed(state, 1003, '`address` is not an E.164 number.'));
}

export function addParticipant(state: MockState, tenant: Tenant, chatId: string, body: unknown): Reply {
  const found = findChat(state, tenant, chatId);
  if (!found.ok) return { error: found.error };
  const record = found.value;
  const address = readAddress(state, body, state.fault);
  // refusal-order=body-first: the body is judged before the chat.
  const refused = (state.readings.is('refusal-order', 'body-first') && !address.ok ? address.error : undefined) ?? chatRefusal(state, record) ?? (address.ok ? undefined : address.error);
  if (refused || !address.ok) return { error: refused ?? (address as { error: ApiError }).error };
  const { life } = record;
  const before = rosterOf(state, record);
  // Adding a member again is a no-op; participant-add-duplicates appends it anyway.
  const isMember = life.participants.includes(address.value) || address.value === life.line;
  if (!isMember && life.participants.length >= MAX_GROUP_MEMBERS && state.readings.is('group-size-after-add', 'capped')) {
    return { error: apiError(1002, `A group holds at most ${MAX_GROUP_MEMBERS} recipients besides the line.`) };
  }
  if (!isMember) {
    life.participants.push(address.value);
    listEvent(state, record, `added ${address.value} to the conversation`);
  } else if (state.fault === 'participant-add-duplicates') {
    life.participants.push(address.value);
  }
  const participants = state.fault === 'participant-add-roster-stale' ? before : rosterOf(state, record);
  const response: Schemas['AddParticipantResponse'] = { chat_id: echoedChatId(state, record.chat.id), added: address.value, participants };
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
  const found = findChat(state, tenant, chatId);
  if (!found.ok) return { error: found.error };
  const record = found.value;
  const refused = chatRefusal(state, record);
  if (refused) return { error: refused };
  const address = decodedAddress(rawAddress, state.fault);
  const { life } = record;
  const atFloor = groupSize(state, record) - 1 < MIN_GROUP_SIZE;
  // refusal-order=floor-first: the size rule is judged before membership.
  if (atFloor && state.readings.is('refusal-order', 'floor-first')) return { error: belowFloor() };
  const at = address === undefined ? -1 : life.participants.findIndex((p) => p.toLowerCase() === address.toLowerCase());
  if (at < 0 && state.fault !== 'participant-remove-twice-ok') return { error: apiError(1001, 'That address is not in this group.') };
  if (at >= 0) {
    if (atFloor && state.fault !== 'participant-floor-ignored') return { error: belowFloor() };
    life.participants.splice(at, 1);
    listEvent(state, record, `removed ${address} from the conversation`);
  }
  const response: Schemas['RemoveParticipantResponse'] = { chat_id: echoedChatId(state, record.chat.id), removed: address ?? rawAddress, participants: rosterOf(state, record) };
  return { status: 200, body: response };
}
