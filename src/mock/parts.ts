// Message parts: their documented shapes (text, media, rich_link) and the rules on a list of parts.
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { apiError, failed, ok, type ApiError, type Result } from './errors.ts';
import type { FaultName } from './faults.ts';
import { DEFAULT_READINGS, type MockReadings } from './readings.ts';
import { isBlank, LINKIFIED, pythonStrip, URL_IN_TEXT } from '../domain/text.ts';
import type { MessagePart } from './types.ts';

// The spec's `format: uri`, exactly as the response validators judge it, so an echoed url is valid.
const isUri = fullFormats.uri as (value: string) => boolean;

export const MAX_PARTS = 10;
/** The text length past which the text-length-limit reading limit-1009 refuses (UTF-16 units). */
export const TEXT_LIMIT = 1000;


/** A text as the mock stores it: under its text-normalisation reading, then as the text faults change it. */
function storedText(value: string, fault: FaultName | undefined, readings: MockReadings): string {
  // text-zero-width-stripped: an over-eager sanitiser removes "invisible" characters.
  if (fault === 'text-zero-width-stripped') return value.replace(/[\u200b-\u200d\u2060\ufeff]/g, '') || value;
  // text-truncated-4096: a VARCHAR(4096) column cuts long text without an error.
  if (fault === 'text-truncated-4096') return value.slice(0, 4096);
  if (readings.is('text-normalisation', 'trimmed-nfc')) return value.normalize('NFC').trim();
  if (readings.is('text-normalisation', 'trimmed-other-runtime')) return pythonStrip(value);
  if (readings.is('text-normalisation', 'newline-normalised')) return value.replaceAll('\r\n', '\n');
  return value;
}


/** The refusal of a text value under the mock's text-empty and text-length-limit readings, if any. */
function refusedText(value: string, where: string, readings: MockReadings): ApiError | undefined {
  if (value === '' && readings.is('text-empty', 'empty-rejected-1002')) return apiError(1002, `${where}.value must not be empty.`);
  if (isBlank(value) && readings.is('text-empty', 'missing-1001')) return apiError(1001, `${where}.value is missing.`);
  if (isBlank(value) && readings.is('text-empty', 'blank-rejected')) return apiError(1002, `${where}.value has no visible character.`);
  if (value.length > TEXT_LIMIT && readings.is('text-length-limit', 'limit-1009')) return apiError(1009, `${where}.value is longer than ${TEXT_LIMIT} characters.`);
  return undefined;
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

/** A link field under the rich-link-url-* readings: parsed (or passed through), https only or not. */
function linkField(value: unknown, readings: MockReadings): string | undefined {
  if (readings.is('rich-link-url-validation', 'passed-through')) return typeof value === 'string' && value !== '' ? value : undefined;
  if (!isWebUrl(value)) return undefined;
  if (readings.is('rich-link-url-scheme', 'https-only') && !/^https:/i.test(value)) return undefined;
  return readings.is('rich-link-url-normalised', 'normalised') ? new URL(value).href : value;
}

function richLink(raw: Record<string, unknown>, where: string, fault: FaultName | undefined, readings: MockReadings): Result<MessagePart> {
  const url = linkField(field(raw, 'url'), readings);
  if (url === undefined) return failed(apiError(1002, `${where}.url must be an http(s) URL.`));
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
    const link = linkField(value, readings);
    if (link === undefined) return failed(apiError(1002, `${where}.${key} must be an http(s) URL.`));
    part[key] = link;
  }
  return ok(part);
}

/** echo-part-extra-fields extra-fields: the server adds a field of its own to each part it returns. */
const withExtras = (part: MessagePart, readings: MockReadings): MessagePart =>
  readings.is('echo-part-extra-fields', 'extra-fields') ? ({ ...part, rendered: true } as unknown as MessagePart) : part;

/** One part, copied field by field: the echo holds the documented fields only. */
export function readPart(raw: unknown, where: string, fault: FaultName | undefined, readings: MockReadings = DEFAULT_READINGS): Result<MessagePart> {
  const part = readPartAsSent(raw, where, fault, readings);
  return part.ok ? ok(withExtras(part.value, readings)) : part;
}

function readPartAsSent(raw: unknown, where: string, fault: FaultName | undefined, readings: MockReadings): Result<MessagePart> {
  if (!isObject(raw)) return failed(apiError(1002, `${where} must be an object.`));
  const type = field(raw, 'type');
  if (type === 'text') {
    const value = field(raw, 'value');
    if (typeof value !== 'string') return failed(apiError(1002, `${where}.value must be a string.`));
    const refused = refusedText(value, where, readings);
    return refused ? failed(refused) : ok({ type, value: storedText(value, fault, readings) });
  }
  if (type === 'media') {
    const id = field(raw, 'attachment_id');
    return nonEmpty(id) ? ok({ type, attachment_id: id }) : failed(apiError(1002, `${where}.attachment_id must be a non-empty string.`));
  }
  if (type === 'rich_link') return richLink(raw, where, fault, readings);
  if (fault === 'unknown-part-accepted' && typeof type === 'string') return ok(raw as MessagePart);
  return failed(apiError(1002, `${where}.type must be text, media or rich_link.`));
}

export function readParts(raw: unknown[], where: string, fault: FaultName | undefined, readings: MockReadings = DEFAULT_READINGS): Result<MessagePart[]> {
  const parts: MessagePart[] = [];
  for (let i = 0; i < raw.length; i++) {
    const part = readPart(raw[i], `${where}[${i}]`, fault, readings);
    if (!part.ok) return part;
    parts.push(part.value);
  }
  // rich-link-count one: one link preview per message.
  if (readings.is('rich-link-count', 'one') && parts.filter((p) => p.type === 'rich_link').length > 1) return failed(apiError(1002, `${where} holds more than one rich_link part.`));
  return ok(parts);
}

export function tooManyParts(parts: readonly MessagePart[], fault: FaultName | undefined, readings: MockReadings = DEFAULT_READINGS): ApiError | undefined {
  // parts-cap links-excluded: rich links go as their own bubbles and do not count.
  const counted = readings.is('parts-cap', 'links-excluded') ? parts.filter((p) => p.type !== 'rich_link') : parts;
  if (fault === 'parts-max-unchecked' || counted.length <= MAX_PARTS) return undefined;
  // The errors catalog's "more than 10 parts" keeps 1006 at 400 (the route page's 1006 is recipients).
  return apiError(1006, `More than ${MAX_PARTS} parts.`, { status: readings.is('parts-cap', 'status-422') ? 422 : 400 });
}

export function consecutiveText(parts: readonly MessagePart[], fault: FaultName | undefined, readings: MockReadings = DEFAULT_READINGS): ApiError | undefined {
  if (fault === 'consecutive-text-accepted') return undefined;
  // text-parts-nonadjacent one-text-part: a message holds one text part at most.
  if (readings.is('text-parts-nonadjacent', 'one-text-part') && parts.filter((p) => p.type === 'text').length > 1) return apiError(1008, 'A message holds one text part; merge them into one.');
  const at = parts.findIndex((part, i) => i > 0 && part.type === 'text' && parts[i - 1]?.type === 'text');
  return at < 0 ? undefined : apiError(1008, `parts[${at - 1}] and parts[${at}] are consecutive text parts; merge them into one.`);
}

// What counts as a URL in text (src/domain/text.ts): a scheme or a www. host; under the
// text-url-scope reading broad-every-message, whatever a linkifier turns into a link, on every message.

export function urlInText(parts: readonly MessagePart[], fault: FaultName | undefined, readings: MockReadings = DEFAULT_READINGS): ApiError | undefined {
  if (fault === 'text-url-accepted') return undefined;
  const pattern = readings.is('text-url-scope', 'broad-every-message') ? LINKIFIED : URL_IN_TEXT;
  const at = parts.findIndex((part) => part.type === 'text' && pattern.test(part.value));
  return at < 0 ? undefined : apiError(1005, `parts[${at}] holds a URL; send links as rich_link parts.`);
}

/** A group's first message is text only (route page: 501 / 4099, not retryable). */
export function groupMedia(parts: readonly MessagePart[], fault: FaultName | undefined, readings: MockReadings = DEFAULT_READINGS): ApiError | undefined {
  if (fault === 'media-first-accepted') return undefined;
  const checked = fault === 'media-first-position-0-only' ? parts.slice(0, 1) : parts;
  if (!checked.some((part) => part.type !== 'text')) return undefined;
  if (fault === 'media-first-retryable') return apiError(4099, undefined, { retryable: true });
  // group-media-first-status: the route page's 501, or the errors catalog's 422.
  return apiError(4099, undefined, readings.is('group-media-first-status', 'catalog-422') ? { status: 422 } : {});
}
