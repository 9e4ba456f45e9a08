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
export const MAX_PARTS = 10;

const E164 = /^\+[1-9][0-9]{1,14}$/;
/** A link as a person would type it in a text part: scheme or www. prefix. */
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)\S/i;

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

function parsePart(raw: unknown, index: number): Part | ApiError {
  if (!isRecord(raw)) return bad(`parts[${index}] must be an object.`);
  const type = raw.type;
  if (typeof type !== 'string') return bad(`parts[${index}].type must be a string.`);
  if (type === 'text') {
    if (typeof raw.value !== 'string' || raw.value.length === 0) return bad(`parts[${index}].value must be a non-empty string.`);
    return { type, value: raw.value };
  }
  if (type === 'media') {
    if (typeof raw.attachment_id !== 'string' || raw.attachment_id.length === 0) return bad(`parts[${index}].attachment_id must be a non-empty string.`);
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
function parseMessage(message: unknown, firstMessage: boolean): { parts: Part[]; idempotencyKey: string | null } | ApiError {
  if (absent(message)) return missing('message.parts');
  if (!isRecord(message)) return bad('message must be an object.');
  if (absent(message.parts)) return missing('message.parts');
  if (!Array.isArray(message.parts)) return bad('message.parts must be an array.');
  const key = message.idempotency_key;
  if (!absent(key) && (typeof key !== 'string' || key.length === 0 || key.length > 255)) {
    return bad('message.idempotency_key must be a non-empty string of at most 255 characters.');
  }
  if (message.parts.length === 0) return bad('message.parts must hold at least one part.');
  if (message.parts.length > MAX_PARTS) return err(400, 1006, `A message holds at most ${MAX_PARTS} parts.`);
  const parts: Part[] = [];
  for (const [index, raw] of message.parts.entries()) {
    const part = parsePart(raw, index);
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
export function parseCreate(body: unknown): CreateRequest | ApiError {
  if (!isRecord(body)) return bad('The body must be a JSON object.');
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
  const parsed = parseMessage(message, true);
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
export function parseFollowUp(body: unknown): FollowUpRequest | ApiError {
  if (!isRecord(body)) return bad('The body must be a JSON object.');
  const parsed = parseMessage(body.message, false);
  return isError(parsed) ? parsed : { parts: parsed.parts, idempotencyKey: parsed.idempotencyKey };
}

export { isError };

/** What makes two create bodies "the same" for an idempotency key: the fields that matter. */
export function fingerprint(request: CreateRequest | FollowUpRequest): string {
  return JSON.stringify(request, (key, value: unknown) => (key === 'idempotencyKey' ? undefined : value));
}
