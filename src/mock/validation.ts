// Request validation for the create and follow-up routes. One fixed order, so each bad request
// gets one predictable code: required fields (1001) → types and part shapes (1002) → phone numbers
// (1003) → recipient count (422 / 1006) → part rules (400 / 1006, 4099, 1008, 1005) → `from`
// assigned to the tenant (2006). JSON (1004) is parsed before, idempotency is checked after.
import type { Tenant } from '../config/settings.ts';
import { apiError, failed, ok, type ApiError, type Result } from './errors.ts';
import type { FaultName } from './faults.ts';
import { consecutiveText, field, groupMedia, isObject, readParts, tooManyParts, urlInText } from './parts.ts';
import { isE164, isRecipient } from './phones.ts';
import type { CreateChatRequest, SendMessageRequest } from './types.ts';

export const MAX_RECIPIENTS = 31;

type Fault = FaultName | undefined;
type Body = Record<string, unknown>;

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

function missingField(body: Body, fault: Fault): ApiError | undefined {
  if (absent(field(body, 'from'))) return apiError(1001, '`from` is required.');
  const to = field(body, 'to');
  if (absent(to)) return apiError(1001, '`to` is required.');
  if (Array.isArray(to) && to.length === 0) {
    return fault === 'recipients-empty-wrong-code' ? apiError(1003, '`to` holds no valid number.') : apiError(1001, '`to` must hold at least one recipient.');
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

function typedCreate(body: Body, fault: Fault): Result<CreateChatRequest> {
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
  const subject = optionalText(message, 'subject', 0, fault);
  if (!subject.ok) return subject;
  const key = optionalText(message, 'idempotency_key', 1, fault);
  if (!key.ok) return key;
  const parts = readParts(rawParts, 'message.parts', fault);
  if (!parts.ok) return parts;
  // Built in one fixed key order: JSON.stringify of it is the canonical form idempotency compares.
  const request: CreateChatRequest = { from, to: [...(to as string[])], message: { parts: parts.value } };
  if (subject.value !== undefined) request.message.subject = subject.value;
  if (key.value !== undefined) request.message.idempotency_key = key.value;
  return ok(request);
}

function badPhone(request: CreateChatRequest, fault: Fault): ApiError | undefined {
  if (fault !== 'phone-from-unvalidated' && !isE164(request.from, fault)) return apiError(1003, '`from` is not an E.164 number.');
  const checked = fault === 'phone-first-recipient-only' ? request.to.slice(0, 1) : request.to;
  const at = checked.findIndex((number) => !isRecipient(number, fault));
  return at < 0 ? undefined : apiError(1003, `to[${at}] is not an E.164 number.`);
}

function tooManyRecipients(request: CreateChatRequest, fault: Fault): ApiError | undefined {
  let limit = MAX_RECIPIENTS;
  if (fault === 'recipients-max-off-by-one') limit = MAX_RECIPIENTS + 1;
  if (fault === 'recipients-max-30') limit = MAX_RECIPIENTS - 1;
  if (request.to.length <= limit) return undefined;
  return apiError(1006, `More than ${MAX_RECIPIENTS} recipients.`, fault === 'recipients-max-400' ? { status: 400 } : {});
}

function firstMessageRules(request: CreateChatRequest, fault: Fault): ApiError | undefined {
  const { parts } = request.message;
  const mediaRule = isGroupChat(request.to.length, fault) || fault === 'rich-link-rejected-direct';
  return tooManyParts(parts, fault) ?? (mediaRule ? groupMedia(parts, fault) : undefined) ?? consecutiveText(parts, fault) ?? urlInText(parts, fault);
}

function unassignedFrom(request: CreateChatRequest, tenant: Tenant, fault: Fault, lines: readonly string[]): ApiError | undefined {
  if (fault === 'from-any-line' || request.from === tenant.from) return undefined;
  // from-any-tenant-line: the check asks "is this one of our lines?" instead of "this tenant's?".
  if (fault === 'from-any-tenant-line' && lines.includes(request.from)) return undefined;
  return apiError(2006, undefined, fault === 'from-unassigned-400' ? { status: 400 } : {});
}

/** The create body, checked in the documented order and copied to its canonical form. */
/** `lines`: every tenant's sender lines, which only the from-any-tenant-line fault looks at. */
export function readCreate(body: unknown, tenant: Tenant, fault: Fault, lines: readonly string[] = []): Result<CreateChatRequest> {
  if (!isObject(body)) return failed(apiError(1002, 'The body must be a JSON object.'));
  const missing = missingField(body, fault);
  if (missing) return failed(missing);
  const typed = typedCreate(body, fault);
  if (!typed.ok) return typed;
  const request = typed.value;
  const error = badPhone(request, fault) ?? tooManyRecipients(request, fault) ?? firstMessageRules(request, fault) ?? unassignedFrom(request, tenant, fault, lines);
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
export function readFollowup(body: unknown, isGroup: boolean, fault: Fault): Result<FollowupMessage> {
  if (!isObject(body)) return failed(apiError(1002, 'The body must be a JSON object.'));
  const message = followupMessage(body, fault);
  if (!message.ok) return message;
  const missing = missingParts(message.value, fault);
  if (missing) return failed(missing);
  const rawParts = field(message.value, 'parts');
  if (!Array.isArray(rawParts)) return failed(apiError(1002, '`message.parts` must be an array.'));
  const key = optionalText(message.value, 'idempotency_key', 1, fault);
  if (!key.ok) return key;
  const parts = readParts(rawParts, 'message.parts', fault);
  if (!parts.ok) return parts;
  const groupRule = fault === 'followup-group-rich-link-4099' && isGroup ? groupMedia(parts.value, fault) : undefined;
  // followup-parts-max-unchecked: the part cap was written for create only.
  const capped = fault === 'followup-parts-max-unchecked' ? undefined : tooManyParts(parts.value, fault);
  const error = capped ?? groupRule ?? consecutiveText(parts.value, fault);
  if (error) return failed(error);
  return ok(key.value === undefined ? { parts: parts.value } : { parts: parts.value, idempotency_key: key.value });
}
