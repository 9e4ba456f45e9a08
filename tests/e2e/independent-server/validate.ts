// Request validation for the independent server, written from shared/chert-contract.md alone.
// Each function returns either the cleaned request or an ApiError; nothing here throws on input.
import type { OtherReadings } from './readings.ts';

export type ApiError = { status: number; code: number; message: string; retryAfter?: number; /** Overrides the code's default. */ retryable?: boolean };

export type Part =
  | { type: 'text'; value: string }
  | { type: 'media'; attachment_id: string }
  | { type: 'rich_link'; url: string; title?: string; summary?: string; image_url?: string; icon_url?: string };

export type CreateRequest = {
  from: string;
  to: string[];
  parts: Part[];
  subject: string | null;
  idempotencyKey: string | null;
};

export type FollowUpRequest = { parts: Part[]; idempotencyKey: string | null };

export const MAX_RECIPIENTS = 31;

/** The choices a server may make where the docs are silent. */
export type Rules = {
  /** Most parts per message: the catalog's 10, or Infinity to leave that SHOULD unenforced. */
  maxParts: number;
  /** Reject fields the docs do not name (1002) instead of ignoring them. */
  strictFields: boolean;
  /** Attachment ids that name an upload; undefined accepts any id (uploads are not modelled). */
  attachments?: ReadonlySet<string>;
  /** Other readings of the register's open choices (readings.ts); none by default. */
  readings: OtherReadings;
};

export const DEFAULT_RULES: Rules = { maxParts: 10, strictFields: false, readings: {} };

const FIELDS = {
  create: ['from', 'to', 'message'],
  followUp: ['message'],
  message: ['parts', 'subject', 'idempotency_key'],
  text: ['type', 'value'],
  media: ['type', 'attachment_id'],
  rich_link: ['type', 'url', 'title', 'summary', 'image_url', 'icon_url'],
} as const;

/** With strict fields, the first key of `value` the docs do not name, as a 1002. */
function unknownField(value: Record<string, unknown>, allowed: readonly string[], where: string, rules: Rules): ApiError | null {
  if (!rules.strictFields) return null;
  const extra = Object.keys(value).find((key) => !allowed.includes(key));
  return extra === undefined ? null : bad(`Unknown field ${where}${extra.slice(0, 40)}.`);
}

const E164 = /^\+[1-9][0-9]{1,14}$/;
/**
 * A link as a linkifier would see one in a text part: any scheme, "www.", or a bare domain name
 * ("example.com"). The docs name URLs (1005) without defining them; this is the broad reading.
 */
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/|\bwww\.|[\p{L}\p{N}]\.\p{L}{2,}/iu;

export function err(status: number, code: number, message: string): ApiError {
  return { status, code, message };
}

const bad = (message: string) => err(400, 1002, message);
const missing = (field: string) => err(400, 1001, `Missing required field: ${field}.`);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const absent = (value: unknown) => value === undefined || value === null;

/**
 * Normalises a phone number written with spaces, dashes, dots or parentheses to E.164.
 * Returns null when what is left is not E.164 (no plus, letters, too long, empty).
 */
export function normalisePhone(raw: string): string | null {
  const compact = raw.replace(/[\s\-().]/g, '');
  return E164.test(compact) ? compact : null;
}

function optionalString(part: Record<string, unknown>, key: string): boolean {
  return part[key] === undefined || typeof part[key] === 'string';
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function parsePart(raw: unknown, index: number, rules: Rules): Part | ApiError {
  if (!isRecord(raw)) return bad(`parts[${index}] must be an object.`);
  const type = raw.type;
  if (typeof type !== 'string') return bad(`parts[${index}].type must be a string.`);
  if (type === 'text' || type === 'media' || type === 'rich_link') {
    const extra = unknownField(raw, FIELDS[type], `parts[${index}].`, rules);
    if (extra) return extra;
  }
  if (type === 'text') {
    if (typeof raw.value !== 'string') return bad(`parts[${index}].value must be a non-empty string.`);
    const limit = rules.readings.textMaxLength;
    if (limit !== undefined && raw.value.length > limit) return err(400, 1009, `parts[${index}].value is longer than ${limit} characters.`);
    // Stored as delivered: NFC, without surrounding white space (the docs say nothing either way).
    const value = raw.value.normalize('NFC').trim();
    if (value === '' && rules.readings.emptyText !== 'accepted') {
      return rules.readings.emptyText === 'missing-1001' ? missing(`parts[${index}].value`) : bad(`parts[${index}].value must be a non-empty string.`);
    }
    return { type, value };
  }
  if (type === 'media') {
    if (typeof raw.attachment_id !== 'string' || raw.attachment_id.length === 0) return bad(`parts[${index}].attachment_id must be a non-empty string.`);
    if (rules.attachments && !rules.attachments.has(raw.attachment_id)) return bad(`parts[${index}].attachment_id names no uploaded attachment.`);
    return { type, attachment_id: raw.attachment_id };
  }
  if (type === 'rich_link') {
    const { richLinkUnparsed: unparsed, richLinkHttpsOnly: httpsOnly } = rules.readings;
    // Passed through, a url is any non-empty string and the preview fields are hints, not parsed.
    const link = (value: unknown) => (unparsed ? typeof value === 'string' && value !== '' : isHttpUrl(value));
    if (!link(raw.url)) return bad(`parts[${index}].url must be an http(s) URL.`);
    if (httpsOnly && !/^https:\/\//i.test(raw.url as string)) return bad(`parts[${index}].url must be an https URL.`);
    for (const key of ['title', 'summary']) {
      if (!optionalString(raw, key)) return bad(`parts[${index}].${key} must be a string.`);
    }
    for (const key of ['image_url', 'icon_url']) {
      if (raw[key] !== undefined && !(unparsed ? typeof raw[key] === 'string' : isHttpUrl(raw[key]))) return bad(`parts[${index}].${key} must be an http(s) URL.`);
    }
    const url = raw.url as string;
    const part: Part = { type, url: rules.readings.richLinkNormalised && isHttpUrl(url) ? new URL(url).href : url };
    for (const key of ['title', 'summary', 'image_url', 'icon_url'] as const) {
      if (typeof raw[key] === 'string') part[key] = raw[key];
    }
    return part;
  }
  return bad(`parts[${index}].type "${type.slice(0, 40)}" is not one of text, media, rich_link.`);
}

function isError(value: unknown): value is ApiError {
  return isRecord(value) && typeof value.code === 'number' && typeof value.status === 'number';
}

/** The `message` object shared by create and follow-up: parts and an optional idempotency key. */
function parseMessage(message: unknown, firstMessage: boolean, rules: Rules): { parts: Part[]; idempotencyKey: string | null } | ApiError {
  if (absent(message)) return missing('message.parts');
  if (!isRecord(message)) return bad('message must be an object.');
  const extra = unknownField(message, FIELDS.message, 'message.', rules);
  if (extra) return extra;
  if (absent(message.parts)) return missing('message.parts');
  if (!Array.isArray(message.parts)) return bad('message.parts must be an array.');
  const key = message.idempotency_key;
  const keyLength = rules.readings.idemKeyMaxLength ?? 255;
  if (!absent(key) && (typeof key !== 'string' || key.length === 0 || key.length > keyLength)) {
    return bad(`message.idempotency_key must be a non-empty string of at most ${keyLength} characters.`);
  }
  if (message.parts.length === 0) return bad('message.parts must hold at least one part.');
  // Rich links go out as bubbles of their own: under that reading they are not parts of the cap.
  const counted = rules.readings.partsCapExcludesLinks ? message.parts.filter((p) => !(isRecord(p) && p.type === 'rich_link')) : message.parts;
  if (counted.length > rules.maxParts) return err(rules.readings.partsCapStatus ?? 400, 1006, `A message holds at most ${rules.maxParts} parts.`);
  const parts: Part[] = [];
  for (const [index, raw] of message.parts.entries()) {
    const part = parsePart(raw, index, rules);
    if (isError(part)) return part;
    parts.push(part);
  }
  for (let i = 1; i < parts.length; i++) {
    if (parts[i]?.type === 'text' && parts[i - 1]?.type === 'text') {
      return err(400, 1008, 'Consecutive text parts are not allowed; join them into one.');
    }
  }
  if (rules.readings.oneTextPart && parts.filter((p) => p.type === 'text').length > 1) return err(400, 1008, 'A message holds one text part.');
  if (rules.readings.oneRichLink && parts.filter((p) => p.type === 'rich_link').length > 1) return bad('A message holds one rich link.');
  if ((firstMessage || rules.readings.urlsEveryMessage) && parts.some((p) => p.type === 'text' && URL_IN_TEXT.test(p.value))) {
    return err(400, 1005, 'A text part of the first message contains a URL; send it as a rich_link part.');
  }
  return { parts, idempotencyKey: typeof key === 'string' ? key : null };
}

/**
 * Validates a create body. Order: shape and required fields, recipient count, parts, phone
 * formats, then the group-media rule. Sender assignment (403) is the caller's, after all this,
 * unless `from` is looked up first (fromLookupFirst): then `lines` are the tenant's lines.
 */
export function parseCreate(body: unknown, rules = DEFAULT_RULES, lines: readonly string[] = []): CreateRequest | ApiError {
  const readings = rules.readings;
  if (!isRecord(body)) return bad('The body must be a JSON object.');
  const extra = unknownField(body, FIELDS.create, '', rules);
  if (extra) return extra;
  if (absent(body.from)) return missing('from');
  if (absent(body.to)) return missing('to');
  if (readings.fromLookupFirst && !(typeof body.from === 'string' && lines.includes(body.from))) return unassigned(rules);
  if (typeof body.from !== 'string') return bad('from must be a string.');
  if (!Array.isArray(body.to)) return bad('to must be an array of phone numbers.');
  if (body.to.length === 0) return readings.emptyTo === 'invalid-1002' ? bad('to must hold at least one recipient.') : missing('to (at least one recipient)');
  if (body.to.length > MAX_RECIPIENTS) return err(readings.recipientsOverMaxStatus ?? 422, 1006, `A chat has at most ${MAX_RECIPIENTS} recipients.`);
  if (!body.to.every((n) => typeof n === 'string')) return bad('to must hold strings only.');
  const message = body.message;
  const direct = body.to.length === 1;
  // Not read at all on a 1:1 create under ignored-unchecked; a group field there under rejected.
  const subjectRead = !(direct && readings.subjectOnDirectChat === 'ignored-unchecked');
  const rawSubject = isRecord(message) && subjectRead ? message.subject : undefined;
  if (!absent(rawSubject) && typeof rawSubject !== 'string') return bad('message.subject must be a string.');
  if (direct && !absent(rawSubject) && readings.subjectOnDirectChat === 'rejected') return bad('message.subject names a group; a 1:1 chat has none.');
  if (!direct && readings.groupRuleFirst && isRecord(message) && Array.isArray(message.parts) && message.parts.some((p) => !(isRecord(p) && p.type === 'text'))) {
    return groupMedia(rules);
  }
  const parsed = parseMessage(message, true, rules);
  if (isError(parsed)) return parsed;
  const from = normalisePhone(body.from);
  if (from === null) return err(400, 1003, 'from is not an E.164 phone number.');
  let to: string[] = [];
  for (const [index, raw] of (body.to as string[]).entries()) {
    const number = normalisePhone(raw);
    if (number === null) return err(400, 1003, `to[${index}] is not an E.164 phone number.`);
    to.push(number);
  }
  if (new Set(to).size < to.length) {
    if (readings.toDuplicates === 'rejected') return bad('to names the same number more than once.');
    if (readings.toDuplicates === 'deduplicated') to = [...new Set(to)];
  }
  if (readings.fromInTo === 'rejected' && to.includes(from)) return bad('to names the sender line: a line cannot message itself.');
  if (to.length > 1 && parsed.parts.some((p) => p.type !== 'text')) return groupMedia(rules);
  let subject = to.length > 1 && typeof rawSubject === 'string' ? rawSubject : null;
  if (subject !== null) {
    const limit = readings.subjectMaxLength;
    if (limit !== undefined && subject.length > limit) return bad(`message.subject is longer than ${limit} characters.`);
    if (subject.trim() === '' && readings.subjectBlank === 'rejected') return bad('message.subject must not be blank.');
    if (subject.trim() === '' && readings.subjectBlank === 'absent') subject = null;
  }
  return { from, to, parts: parsed.parts, subject, idempotencyKey: parsed.idempotencyKey };
}

function groupMedia(rules: Rules): ApiError {
  return err(rules.readings.groupMediaFirstStatus ?? 501, 4099, 'Group creation does not support media or rich links in the first message; send them in a follow-up.');
}

/** 2006: `from` is not one of the tenant's lines (403 as the route page gives it, or the catalog's 400). */
export function unassigned(rules: Rules): ApiError {
  return err(rules.readings.fromUnassignedStatus ?? 403, 2006, 'from is not a line assigned to this tenant.');
}

/** Validates a follow-up body: `{ message: { parts, idempotency_key? } }`; top-level parts is 1001. */
export function parseFollowUp(body: unknown, rules = DEFAULT_RULES): FollowUpRequest | ApiError {
  if (!isRecord(body)) return bad('The body must be a JSON object.');
  const extra = unknownField(body, FIELDS.followUp, '', rules);
  if (extra) return extra;
  const parsed = parseMessage(body.message, false, rules);
  return isError(parsed) ? parsed : { parts: parsed.parts, idempotencyKey: parsed.idempotencyKey };
}

export { isError };

/** What makes two create bodies "the same" for an idempotency key: the fields that matter. */
export function fingerprint(request: CreateRequest | FollowUpRequest): string {
  return JSON.stringify(request, (key, value: unknown) => (key === 'idempotencyKey' ? undefined : value));
}
