// Message parts: their documented shapes (text, media, rich_link) and the rules on a list of parts.
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { apiError, failed, ok, type ApiError, type Result } from './errors.ts';
import type { FaultName } from './faults.ts';
import type { MessagePart } from './types.ts';

// The spec's `format: uri`, exactly as the response validators judge it, so an echoed url is valid.
const isUri = fullFormats.uri as (value: string) => boolean;

export const MAX_PARTS = 10;

/** What the text faults do to a value before it is stored and sent; the correct mock keeps it as given. */
function storedText(value: string, fault: FaultName | undefined): string {
  // text-zero-width-stripped: an over-eager sanitiser removes "invisible" characters.
  if (fault === 'text-zero-width-stripped') return value.replace(/[\u200b-\u200d\u2060\ufeff]/g, '') || value;
  // text-truncated-4096: a VARCHAR(4096) column cuts long text without an error.
  if (fault === 'text-truncated-4096') return value.slice(0, 4096);
  return value;
}

/** An own property of a parsed JSON object; own-only so `__proto__` and friends read as data. */
export function field(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isWebUrl = (value: unknown): value is string => typeof value === 'string' && /^https?:\/\//i.test(value) && isUri(value);

function richLink(raw: Record<string, unknown>, where: string, fault: FaultName | undefined): Result<MessagePart> {
  const url = field(raw, 'url');
  if (!isWebUrl(url)) return failed(apiError(1002, `${where}.url must be an http(s) URL.`));
  const part: MessagePart = { type: 'rich_link', url };
  for (const key of ['title', 'summary'] as const) {
    const value = field(raw, key);
    if (value === undefined) continue;
    // nested-type-unchecked: a preview's title and summary are stored as given, whatever their type.
    if (typeof value !== 'string' && fault !== 'nested-type-unchecked') return failed(apiError(1002, `${where}.${key} must be a string.`));
    part[key] = value as string;
  }
  for (const key of ['image_url', 'icon_url'] as const) {
    const value = field(raw, key);
    if (value === undefined) continue;
    if (!isWebUrl(value)) return failed(apiError(1002, `${where}.${key} must be an http(s) URL.`));
    part[key] = value;
  }
  return ok(part);
}

/** One part, copied field by field: the echo holds the documented fields only. */
export function readPart(raw: unknown, where: string, fault: FaultName | undefined): Result<MessagePart> {
  if (!isObject(raw)) return failed(apiError(1002, `${where} must be an object.`));
  const type = field(raw, 'type');
  if (type === 'text') {
    const value = field(raw, 'value');
    return nonEmpty(value) ? ok({ type, value: storedText(value, fault) }) : failed(apiError(1002, `${where}.value must be a non-empty string.`));
  }
  if (type === 'media') {
    const id = field(raw, 'attachment_id');
    return nonEmpty(id) ? ok({ type, attachment_id: id }) : failed(apiError(1002, `${where}.attachment_id must be a non-empty string.`));
  }
  if (type === 'rich_link') return richLink(raw, where, fault);
  if (fault === 'unknown-part-accepted' && typeof type === 'string') return ok(raw as MessagePart);
  return failed(apiError(1002, `${where}.type must be text, media or rich_link.`));
}

export function readParts(raw: unknown[], where: string, fault: FaultName | undefined): Result<MessagePart[]> {
  const parts: MessagePart[] = [];
  for (let i = 0; i < raw.length; i++) {
    const part = readPart(raw[i], `${where}[${i}]`, fault);
    if (!part.ok) return part;
    parts.push(part.value);
  }
  return ok(parts);
}

export function tooManyParts(parts: readonly MessagePart[], fault: FaultName | undefined): ApiError | undefined {
  if (fault === 'parts-max-unchecked' || parts.length <= MAX_PARTS) return undefined;
  // The errors catalog's "more than 10 parts" keeps 1006 at 400 (the route page's 1006 is recipients).
  return apiError(1006, `More than ${MAX_PARTS} parts.`, { status: 400 });
}

export function consecutiveText(parts: readonly MessagePart[], fault: FaultName | undefined): ApiError | undefined {
  if (fault === 'consecutive-text-accepted') return undefined;
  const at = parts.findIndex((part, i) => i > 0 && part.type === 'text' && parts[i - 1]?.type === 'text');
  return at < 0 ? undefined : apiError(1008, `parts[${at - 1}] and parts[${at}] are consecutive text parts; merge them into one.`);
}

// What counts as a URL in text: a scheme (http:// or https://) or a bare www. host.
const URL_IN_TEXT = /\bhttps?:\/\/\S|\bwww\.\S/i;

export function urlInText(parts: readonly MessagePart[], fault: FaultName | undefined): ApiError | undefined {
  if (fault === 'text-url-accepted') return undefined;
  const at = parts.findIndex((part) => part.type === 'text' && URL_IN_TEXT.test(part.value));
  return at < 0 ? undefined : apiError(1005, `parts[${at}] holds a URL; send links as rich_link parts.`);
}

/** A group's first message is text only (route page: 501 / 4099, not retryable). */
export function groupMedia(parts: readonly MessagePart[], fault: FaultName | undefined): ApiError | undefined {
  if (fault === 'media-first-accepted') return undefined;
  const checked = fault === 'media-first-position-0-only' ? parts.slice(0, 1) : parts;
  if (!checked.some((part) => part.type !== 'text')) return undefined;
  if (fault === 'media-first-422') return apiError(4099, undefined, { status: 422 });
  if (fault === 'media-first-retryable') return apiError(4099, undefined, { retryable: true });
  return apiError(4099);
}
