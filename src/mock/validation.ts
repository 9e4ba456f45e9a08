// Request validation for the create and follow-up routes. One fixed order, so each bad request
// gets one predictable code: required fields (1001) → types and part shapes (1002) → phone numbers
// (1003) → recipient count (422 / 1006) → part rules (400 / 1006, 4099, 1008, 1005) → `from`
// assigned to the tenant (2006). JSON (1004) is parsed before, idempotency is checked after.
// Where the docs leave the answer open, the mock follows its readings (specs/open-choices.yaml).
import type { Tenant } from '../config/settings.ts';
import { SUITE_KEY_MAX_LENGTH } from '../domain/idempotency-key.ts';
import { apiError, failed, ok, type ApiError, type Result } from './errors.ts';
import type { FaultName } from './faults.ts';
import { consecutiveText, field, groupMedia, isObject, readParts, TEXT_LIMIT, tooManyParts, urlInText } from './parts.ts';
import { isE164, isRecipient } from './phones.ts';
import { DEFAULT_READINGS, type MockReadings } from './readings.ts';
import type { CreateChatRequest, SendMessageRequest } from './types.ts';

export const MAX_RECIPIENTS = 31;

type Fault = FaultName | undefined;
type Body = Record<string, unknown>;

/** The fields the create page documents (unknown-fields rejected refuses any other). */
const CREATE_FIELDS = new Set(['from', 'to', 'message']);
const CREATE_MESSAGE_FIELDS = new Set(['parts', 'subject', 'idempotency_key']);
/** The longest idempotency key the idem-key-format reading `bounded` takes: the tightest bound the suite allows. */
const KEY_LIMIT = SUITE_KEY_MAX_LENGTH;

// null reads as absent: a client that serialises an unset field as null has still not sent it.
const absent = (value: unknown): boolean => value === undefined || value === null;
const isString = (value: unknown): value is string => typeof value === 'string';

export function isGroupChat(recipients: number, fault: Fault): boolean {
  return fault === 'group-two-is-direct' ? recipients > 2 : recipients > 1;
}

function missingParts(message: unknown, fault: Fault): ApiError | undefined {
  if (!isObject(message)) return undefined;
  const parts = field(message, 'parts');
  if (absent(parts)) return fault === 'missing-parts-wrong-code' ? apiError(1002, '`message.parts` is invalid.') : apiError(1001, '`message.parts` is required.');
  if (Array.isArray(parts) && parts.length === 0) return apiError(1001, '`message.parts` must hold at least one part.');
  return undefined;
}

function missingField(body: Body, fault: Fault, readings: MockReadings): ApiError | undefined {
  if (absent(field(body, 'from'))) return apiError(1001, '`from` is required.');
  const to = field(body, 'to');
  if (absent(to)) return apiError(1001, '`to` is required.');
  if (Array.isArray(to) && to.length === 0) {
    if (fault === 'recipients-empty-wrong-code') return apiError(1003, '`to` holds no valid number.');
    // to-empty: an empty list is a missing `to`, or an invalid value of it.
    return readings.is('to-empty', 'invalid-1002') ? apiError(1002, '`to` must not be empty.') : apiError(1001, '`to` must hold at least one recipient.');
  }
  if (absent(field(body, 'message'))) return apiError(1001, '`message.parts` is required.');
  return missingParts(field(body, 'message'), fault);
}

function optionalText(message: Body, key: string, minLength: number, fault: Fault): Result<string | undefined> {
  const value = field(message, key);
  // null-optional-500: only undefined is taken for absent; null reaches string code and throws.
  if (fault === 'null-optional-500' && value === null) throw new TypeError(`Cannot read properties of null (reading 'length') in message.${key}`);
  if (absent(value)) return ok(undefined);
  if (!isString(value) || value.length < minLength) return failed(apiError(1002, `\`message.${key}\` must be a${minLength > 0 ? ' non-empty' : ''} string.`));
  return ok(value);
}

/** unknown-fields rejected: a field the page does not document is an invalid request. */
function unknownField(body: Body, message: Body, readings: MockReadings): ApiError | undefined {
  if (!readings.is('unknown-fields', 'rejected')) return undefined;
  const extra = Object.keys(body).find((k) => !CREATE_FIELDS.has(k)) ?? Object.keys(message).map((k) => `message.${k}`).find((k) => !CREATE_MESSAGE_FIELDS.has(k.slice(8)));
  return extra === undefined ? undefined : apiError(1002, `\`${extra}\` is not a field of this route.`);
}

/** The subject under the subject-on-direct-chat, subject-blank and text-length-limit readings. */
function subjectOf(message: Body, direct: boolean, fault: Fault, readings: MockReadings): Result<string | undefined> {
  if (direct && readings.is('subject-on-direct-chat', 'ignored-unchecked')) return ok(undefined);
  if (direct && !absent(field(message, 'subject')) && readings.is('subject-on-direct-chat', 'rejected')) return failed(apiError(1002, '`message.subject` is for groups only.'));
  const subject = optionalText(message, 'subject', 0, fault);
  if (!subject.ok || subject.value === undefined) return subject;
  if (subject.value.length > TEXT_LIMIT && readings.is('text-length-limit', 'subject-1002')) return failed(apiError(1002, `\`message.subject\` is longer than ${TEXT_LIMIT} characters.`));
  if (subject.value.trim() !== '') return subject;
  if (readings.is('subject-blank', 'rejected')) return failed(apiError(1002, '`message.subject` must hold a visible character.'));
  return readings.is('subject-blank', 'absent') ? ok(undefined) : subject;
}

/** The idempotency key; under idem-key-format bounded, no longer than KEY_LIMIT. */
function keyOf(message: Body, fault: Fault, readings: MockReadings): Result<string | undefined> {
  const key = optionalText(message, 'idempotency_key', 1, fault);
  if (key.ok && (key.value?.length ?? 0) > KEY_LIMIT && readings.is('idem-key-format', 'bounded')) return failed(apiError(1002, `\`message.idempotency_key\` is longer than ${KEY_LIMIT} characters.`));
  return key;
}

/** phone-formatted normalised: spaces, dashes, dots and parentheses are stripped from a number. */
const normalisedNumber = (value: string, readings: MockReadings) => (readings.is('phone-formatted', 'normalised') ? value.replace(/[\s\-.()]/g, '') : value);

/** to-duplicates: the list as sent, each number once, or refused. */
function recipientsOf(to: string[], readings: MockReadings): Result<string[]> {
  const distinct = [...new Set(to)];
  if (distinct.length === to.length || readings.is('to-duplicates', 'kept')) return ok(to);
  return readings.is('to-duplicates', 'rejected') ? failed(apiError(1002, '`to` lists a number twice.')) : ok(distinct);
}

function typedCreate(body: Body, fault: Fault, readings: MockReadings): Result<CreateChatRequest> {
  const from = field(body, 'from');
  if (!isString(from)) return failed(apiError(1002, '`from` must be a string.'));
  const to = field(body, 'to');
  if (fault !== 'wrong-type-500' && !Array.isArray(to)) return failed(apiError(1002, '`to` must be an array of strings.'));
  // Under wrong-type-500 a string `to` reaches this array call and throws, as unchecked code would.
  if (!(to as unknown[]).every(isString)) return failed(apiError(1002, '`to` must be an array of strings.'));
  const message = field(body, 'message');
  if (!isObject(message)) return failed(apiError(1002, '`message` must be an object.'));
  const rawParts = field(message, 'parts');
  if (!Array.isArray(rawParts)) return failed(apiError(1002, '`message.parts` must be an array.'));
  const unknown = unknownField(body, message, readings);
  if (unknown) return failed(unknown);
  const subject = subjectOf(message, (to as string[]).length === 1, fault, readings);
  if (!subject.ok) return subject;
  const key = keyOf(message, fault, readings);
  if (!key.ok) return key;
  // group-rule-before-part-shape group-rule-first: a group's non-text part is refused before its shape is read.
  const isGroup = isGroupChat((to as string[]).length, fault);
  if (isGroup && readings.is('group-rule-before-part-shape', 'group-rule-first') && rawParts.some((p) => !isObject(p) || field(p, 'type') !== 'text')) {
    return failed(apiError(4099, undefined, readings.is('group-media-first-status', 'catalog-422') ? { status: 422 } : {}));
  }
  const parts = readParts(rawParts, 'message.parts', fault, readings);
  if (!parts.ok) return parts;
  const recipients = recipientsOf((to as string[]).map((n) => normalisedNumber(n, readings)), readings);
  if (!recipients.ok) return recipients;
  // Built in one fixed key order: JSON.stringify of it is the canonical form idempotency compares.
  const request: CreateChatRequest = { from: normalisedNumber(from, readings), to: recipients.value, message: { parts: parts.value } };
  if (subject.value !== undefined) request.message.subject = subject.value;
  if (key.value !== undefined) request.message.idempotency_key = key.value;
  return ok(request);
}

function badPhone(request: CreateChatRequest, fault: Fault, readings: MockReadings): ApiError | undefined {
  // from-format-vs-ownership lookup-first: `from` is looked up among the tenant's lines, never parsed.
  const checksFrom = !readings.is('from-format-vs-ownership', 'lookup-first');
  if (checksFrom && !isE164(request.from, fault)) return apiError(1003, '`from` is not an E.164 number.');
  // phone-last-recipient-unchecked: the loop stops one short (i < to.length - 1).
  const checked = fault === 'phone-first-recipient-only' ? request.to.slice(0, 1) : fault === 'phone-last-recipient-unchecked' ? request.to.slice(0, -1) : request.to;
  const at = checked.findIndex((number) => !isRecipient(number, fault));
  return at < 0 ? undefined : apiError(1003, `to[${at}] is not an E.164 number.`);
}

function tooManyRecipients(request: CreateChatRequest, fault: Fault, readings: MockReadings): ApiError | undefined {
  let limit = MAX_RECIPIENTS;
  if (fault === 'recipients-max-off-by-one') limit = MAX_RECIPIENTS + 1;
  if (fault === 'recipients-max-30') limit = MAX_RECIPIENTS - 1;
  if (request.to.length <= limit) return undefined;
  // recipients-over-max-status: the route page's 422, or the errors catalog's 400 for 1006.
  return apiError(1006, `More than ${MAX_RECIPIENTS} recipients.`, readings.is('recipients-over-max-status', 'catalog-400') ? { status: 400 } : {});
}

function firstMessageRules(request: CreateChatRequest, fault: Fault, readings: MockReadings): ApiError | undefined {
  const { parts } = request.message;
  const mediaRule = isGroupChat(request.to.length, fault) || fault === 'rich-link-rejected-direct';
  return tooManyParts(parts, fault, readings) ?? (mediaRule ? groupMedia(parts, fault, readings) : undefined) ?? consecutiveText(parts, fault, readings) ?? urlInText(parts, fault, readings);
}

/** from-in-to rejected: the line cannot message itself. */
function fromInTo(request: CreateChatRequest, readings: MockReadings): ApiError | undefined {
  return readings.is('from-in-to', 'rejected') && request.to.includes(request.from) ? apiError(1002, '`to` lists the sender line itself.') : undefined;
}

function unassignedFrom(request: CreateChatRequest, tenant: Tenant, fault: Fault, lines: readonly string[], readings: MockReadings): ApiError | undefined {
  if (fault === 'from-any-line' || request.from === tenant.from) return undefined;
  // from-any-tenant-line: the check asks "is this one of our lines?" instead of "this tenant's?".
  if (fault === 'from-any-tenant-line' && lines.includes(request.from)) return undefined;
  // from-unassigned-status: the route page's 403, or the errors catalog's 400.
  return apiError(2006, undefined, readings.is('from-unassigned-status', 'catalog-400') ? { status: 400 } : {});
}

/** The create body, checked in the documented order and copied to its canonical form. */
/** `lines`: every tenant's sender lines, which only the from-any-tenant-line fault looks at. */
export function readCreate(body: unknown, tenant: Tenant, fault: Fault, lines: readonly string[] = [], readings: MockReadings = DEFAULT_READINGS): Result<CreateChatRequest> {
  if (!isObject(body)) return failed(apiError(1002, 'The body must be a JSON object.'));
  const missing = missingField(body, fault, readings);
  if (missing) return failed(missing);
  const typed = typedCreate(body, fault, readings);
  if (!typed.ok) return typed;
  const request = typed.value;
  const error = badPhone(request, fault, readings) ?? tooManyRecipients(request, fault, readings) ?? firstMessageRules(request, fault, readings) ?? fromInTo(request, readings) ?? unassignedFrom(request, tenant, fault, lines, readings);
  return error ? failed(error) : ok(request);
}

type FollowupMessage = SendMessageRequest['message'];

function followupMessage(body: Body, fault: Fault): Result<Body> {
  const message = field(body, 'message');
  if (isObject(message)) return ok(message);
  if (!absent(message)) return failed(apiError(1002, '`message` must be an object.'));
  if (absent(field(body, 'parts'))) return failed(apiError(1001, '`message.parts` is required.'));
  if (fault === 'followup-top-level-parts-accepted') return ok(body);
  return failed(apiError(1001, '`parts` belongs inside `message`: send { "message": { "parts": [...] } }.'));
}

/** A follow-up body: media and rich links allowed, URLs in text allowed (1005 is first-message only). */
export function readFollowup(body: unknown, isGroup: boolean, fault: Fault, readings: MockReadings = DEFAULT_READINGS): Result<FollowupMessage> {
  if (!isObject(body)) return failed(apiError(1002, 'The body must be a JSON object.'));
  const message = followupMessage(body, fault);
  if (!message.ok) return message;
  const missing = missingParts(message.value, fault);
  if (missing) return failed(missing);
  const rawParts = field(message.value, 'parts');
  if (!Array.isArray(rawParts)) return failed(apiError(1002, '`message.parts` must be an array.'));
  const key = keyOf(message.value, fault, readings);
  if (!key.ok) return key;
  const parts = readParts(rawParts, 'message.parts', fault, readings);
  if (!parts.ok) return parts;
  const groupRule = fault === 'followup-group-rich-link-4099' && isGroup ? groupMedia(parts.value, fault, readings) : undefined;
  // followup-parts-max-unchecked: the part cap was written for create only.
  const capped = fault === 'followup-parts-max-unchecked' ? undefined : tooManyParts(parts.value, fault, readings);
  // text-url-scope broad-every-message: the URL rule holds for every message, not the first only.
  const urls = readings.is('text-url-scope', 'broad-every-message') ? urlInText(parts.value, fault, readings) : undefined;
  const error = capped ?? groupRule ?? consecutiveText(parts.value, fault, readings) ?? urls;
  if (error) return failed(error);
  return ok(key.value === undefined ? { parts: parts.value } : { parts: parts.value, idempotency_key: key.value });
}
