// Request validation for the independent server, written from shared/chert-contract.md alone.
// Each function returns either the cleaned request or an ApiError; nothing here throws on input.

export type ApiError = { status: number; code: number; message: string; retryAfter?: number };

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
};

export const DEFAULT_RULES: Rules = { maxParts: 10, strictFields: false };

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
    // Stored as delivered: NFC, without surrounding white space (the docs say nothing either way).
    const value = typeof raw.value === 'string' ? raw.value.normalize('NFC').trim() : '';
    if (value === '') return bad(`parts[${index}].value must be a non-empty string.`);
    return { type, value };
  }
  if (type === 'media') {
    if (typeof raw.attachment_id !== 'string' || raw.attachment_id.length === 0) return bad(`parts[${index}].attachment_id must be a non-empty string.`);
    if (rules.attachments && !rules.attachments.has(raw.attachment_id)) return bad(`parts[${index}].attachment_id names no uploaded attachment.`);
    return { type, attachment_id: raw.attachment_id };
  }
  if (type === 'rich_link') {
    if (!isHttpUrl(raw.url)) return bad(`parts[${index}].url must be an http(s) URL.`);
    for (const key of ['title', 'summary']) {
      if (!optionalString(raw, key)) return bad(`parts[${index}].${key} must be a string.`);
    }
    for (const key of ['image_url', 'icon_url']) {
      if (raw[key] !== undefined && !isHttpUrl(raw[key])) return bad(`parts[${index}].${key} must be an http(s) URL.`);
    }
    const part: Part = { type, url: raw.url };
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
  if (!absent(key) && (typeof key !== 'string' || key.length === 0 || key.length > 255)) {
    return bad('message.idempotency_key must be a non-empty string of at most 255 characters.');
  }
  if (message.parts.length === 0) return bad('message.parts must hold at least one part.');
  if (message.parts.length > rules.maxParts) return err(400, 1006, `A message holds at most ${rules.maxParts} parts.`);
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
  if (firstMessage && parts.some((p) => p.type === 'text' && URL_IN_TEXT.test(p.value))) {
    return err(400, 1005, 'A text part of the first message contains a URL; send it as a rich_link part.');
  }
  return { parts, idempotencyKey: typeof key === 'string' ? key : null };
}

/**
 * Validates a create body. Order: shape and required fields, recipient count, parts, phone
 * formats, then the group-media rule. Sender assignment (403) is the caller's, after all this.
 */
export function parseCreate(body: unknown, rules = DEFAULT_RULES): CreateRequest | ApiError {
  if (!isRecord(body)) return bad('The body must be a JSON object.');
  const extra = unknownField(body, FIELDS.create, '', rules);
  if (extra) return extra;
  if (absent(body.from)) return missing('from');
  if (absent(body.to)) return missing('to');
  if (typeof body.from !== 'string') return bad('from must be a string.');
  if (!Array.isArray(body.to)) return bad('to must be an array of phone numbers.');
  if (body.to.length === 0) return missing('to (at least one recipient)');
  if (body.to.length > MAX_RECIPIENTS) return err(422, 1006, `A chat has at most ${MAX_RECIPIENTS} recipients.`);
  if (!body.to.every((n) => typeof n === 'string')) return bad('to must hold strings only.');
  const message = body.message;
  if (isRecord(message) && !absent(message.subject) && typeof message.subject !== 'string') {
    return bad('message.subject must be a string.');
  }
  const parsed = parseMessage(message, true, rules);
  if (isError(parsed)) return parsed;
  const from = normalisePhone(body.from);
  if (from === null) return err(400, 1003, 'from is not an E.164 phone number.');
  const to: string[] = [];
  for (const [index, raw] of (body.to as string[]).entries()) {
    const number = normalisePhone(raw);
    if (number === null) return err(400, 1003, `to[${index}] is not an E.164 phone number.`);
    to.push(number);
  }
  if (to.length > 1 && parsed.parts.some((p) => p.type !== 'text')) {
    return err(501, 4099, 'Group creation does not support media or rich links in the first message; send them in a follow-up.');
  }
  const subject = isRecord(message) && typeof message.subject === 'string' ? message.subject : null;
  return { from, to, parts: parsed.parts, subject, idempotencyKey: parsed.idempotencyKey };
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
