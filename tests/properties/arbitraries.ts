// The one arbitraries module: generators that encode the chats contract (docs.trychert.com) and
// nothing tighter, except where a silence of the docs could make a correct server answer
// differently (each such narrowing says why). Every number a server might accept is fictional;
// invalid numbers are built from fictional ones, so even a lenient server reaches nobody.
import fc from 'fast-check';
import { fictionalNorthAmerican, fictionalUk } from '../../src/domain/phones.ts';
import type { CreateBody, Part } from '../fixtures/bodies.ts';
import { isBlank, LINKIFIED } from '../../src/domain/text.ts';
import { DOCUMENTED_TEXT_LENGTH } from '../../src/checks/text.ts';
import { SUITE_KEY_MAX_LENGTH } from '../../src/domain/idempotency-key.ts';

// --- phone numbers -------------------------------------------------------------------------------

/** NANP area codes 201-989 that look real: no N11 service codes, no N9X (reserved), no N00. */
export const AREA_CODES: readonly number[] = Array.from({ length: 989 - 201 + 1 }, (_, i) => 201 + i).filter(
  (code) => code % 100 !== 11 && code % 100 !== 0 && Math.floor(code / 10) % 10 !== 9,
);

const indexOf = (list: readonly unknown[]) => fc.integer({ min: 0, max: list.length - 1 });

/** +1 NXX 555 0100-0199, across area codes (so lists beyond 100 numbers stay distinct). */
export const northAmericanNumber: fc.Arbitrary<string> = fc
  .tuple(indexOf(AREA_CODES), fc.integer({ min: 0, max: 99 }))
  .map(([at, line]) => fictionalNorthAmerican(AREA_CODES[at] as number, line));

/** +44 7700 900000-900999, the UK drama range. */
export const ukNumber: fc.Arbitrary<string> = fc.integer({ min: 0, max: 999 }).map(fictionalUk);

export const validNumber: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: northAmericanNumber, weight: 3 },
  { arbitrary: ukNumber, weight: 1 },
);

/**
 * Distinct valid numbers (the docs do not say what duplicates mean). The count is drawn first,
 * so the bounds of a class (2 and 31, 32 and 45) come up as often as fast-check's bias allows.
 */
export function recipients(minLength: number, maxLength = minLength): fc.Arbitrary<string[]> {
  const exactly = (n: number) => fc.uniqueArray(validNumber, { minLength: n, maxLength: n });
  return minLength === maxLength ? exactly(minLength) : fc.integer({ min: minLength, max: maxLength }).chain(exactly);
}

export const INVALID_CLASSES = ['no-plus', 'letters', 'too-long', 'empty', 'zero-country-code'] as const;
export type InvalidClass = (typeof INVALID_CLASSES)[number];

const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');

/**
 * Each class breaks E.164 one way. Letters are inserted, never substituted, so the digits stay a
 * fictional number (a server that strips letters, or reads them as keypad digits, gets a fictional
 * or over-long number); too-long numbers extend a fictional one; zero country codes start "+0".
 */
export const invalidNumberOf: Record<InvalidClass, fc.Arbitrary<string>> = {
  'no-plus': validNumber.map((n) => n.slice(1)),
  letters: fc.tuple(validNumber, fc.nat(), letter).map(([n, at, l]) => {
    const i = 1 + (at % n.length);
    return `${n.slice(0, i)}${l}${n.slice(i)}`;
  }),
  'too-long': fc.tuple(validNumber, fc.stringMatching(/^\d{8}$/), fc.integer({ min: 0, max: 3 })).map(
    ([n, pool, more]) => n + pool.slice(0, 16 - (n.length - 1) + more),
  ),
  empty: fc.constant(''),
  'zero-country-code': validNumber.map((n) => `+0${n.slice(1)}`),
};

export const invalidNumber: fc.Arbitrary<string> = fc.oneof(...INVALID_CLASSES.map((c) => invalidNumberOf[c]));

/** 1 to 31 numbers, all valid but one, the invalid one at any position (a plain list: it shrinks further). */
export const recipientsWithOneInvalid: fc.Arbitrary<string[]> = fc
  .tuple(fc.uniqueArray(validNumber, { maxLength: 30 }), invalidNumber, fc.nat())
  .map(([valid, bad, at]) => {
    const i = at % (valid.length + 1);
    return [...valid.slice(0, i), bad, ...valid.slice(i)];
  });

// --- text ---------------------------------------------------------------------------------------

/** Astral-plane, RTL, combining and JSON-escaped characters, so they are not left to chance. */
const TRICKY = ['שלום', 'مرحبا', '\u200f', '👋🏽', '👨‍👩‍👧', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '🀄', 'e\u0301', '"', '\\', '\n', '\t', ' '];

const textUnit = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), weight: 2 },
  { arbitrary: fc.constantFrom(...TRICKY), weight: 1 },
);

/**
 * Anything a server could take for a link: a scheme, "www.", or a dotted name such as "a.bc".
 * The docs name URLs (1005) without defining them, so generated text avoids every reading.
 */
export const LOOKS_LIKE_URL = /[a-z][a-z0-9+.-]*:\/\/|www\.|[\p{L}\p{N}]\.\p{L}{2}/iu;

/**
 * Text every reading accepts: not blank (text-empty), no longer than the docs' own examples
 * (text-length-limit) and nothing a linkifier could take for a URL (text-url-scope).
 */
export function isPlainText(value: string): boolean {
  return !isBlank(value) && value.length <= DOCUMENTED_TEXT_LENGTH && !LOOKS_LIKE_URL.test(value) && !LINKIFIED.test(value);
}

/**
 * Any unicode text a person could type. NFC and trimmed: whether a server normalises or trims
 * is not documented, so the echo is judged on text that either choice leaves unchanged.
 */
export const messageText: fc.Arbitrary<string> = fc
  .string({ unit: textUnit, minLength: 1, maxLength: 12 })
  .map((s) => s.normalize('NFC').trim())
  .filter(isPlainText);

/** Text that holds at least one ASCII letter or digit (a byte a tamper can flip in place). */
export const textWithAscii: fc.Arbitrary<string> = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), messageText.map((t) => t.slice(0, 12)), fc.boolean())
  .map(([ascii, rest, first]) => (first ? `${ascii} ${rest}` : `${rest} ${ascii}`))
  .filter(isPlainText);

export const subject: fc.Arbitrary<string> = messageText;

// --- parts --------------------------------------------------------------------------------------

export const textPart = (text: fc.Arbitrary<string> = messageText): fc.Arbitrary<Part> =>
  text.map((value) => ({ type: 'text', value }));

export const mediaPart: fc.Arbitrary<Part> = fc
  .stringMatching(/^att_[0-9a-f]{16}$/)
  .map((id) => ({ type: 'media', attachment_id: id }));

/** Links to the reserved example domains (RFC 2606): valid URIs whose preview fetch reaches nobody. */
export const exampleUrl: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('example.com', 'example.org', 'example.net'), fc.webPath(), fc.option(fc.webQueryParameters(), { nil: undefined }))
  .map(([host, path, query]) => `https://${host}${path}${query === undefined ? '' : `?${query}`}`);

export const richLinkPart: fc.Arbitrary<Part> = fc
  .tuple(exampleUrl, fc.option(messageText, { nil: undefined }))
  .map(([url, title]) => (title === undefined ? { type: 'rich_link', url } : { type: 'rich_link', url, title }));

/**
 * A 1:1 first message every reading accepts: the docs' own example, a text and perhaps a rich link
 * after it. One text part (a server may take one per message: text-parts-nonadjacent) and one link
 * at most (rich-link-count). Media stays out: an attachment id must name an upload.
 */
export function directParts(text: fc.Arbitrary<string> = messageText): fc.Arbitrary<Part[]> {
  return fc.tuple(textPart(text), fc.option(richLinkPart, { nil: undefined })).map(([first, link]) => (link ? [first, link] : [first]));
}

/** A group's first message is text only and never two texts in a row: exactly one text part. */
export function groupParts(text: fc.Arbitrary<string> = messageText): fc.Arbitrary<Part[]> {
  return textPart(text).map((part) => [part]);
}

/** `others` with at most one text before, between and after them: never two texts in a row. */
function interleave(others: Part[], texts: (Part | undefined)[]): Part[] {
  const gap = (i: number) => (texts[i] ? [texts[i] as Part] : []);
  return [...others.flatMap((part, i) => [...gap(i), part]), ...gap(others.length)];
}

/**
 * Media or rich links (at least one) and one text anywhere among them: valid but for 4099. More
 * than one link is a second reason a reading may refuse it (rich-link-count: 400 / 1002).
 */
export const partsWithMedia: fc.Arbitrary<Part[]> = fc
  .tuple(fc.array(fc.oneof(mediaPart, richLinkPart), { minLength: 1, maxLength: 4 }), textPart(), fc.nat())
  .map(([others, text, at]) => {
    const texts: (Part | undefined)[] = Array.from({ length: others.length + 1 }, (_, i) => (i === at % (others.length + 1) ? text : undefined));
    return interleave(others, texts);
  });

// --- bodies -------------------------------------------------------------------------------------

export type Draft = { to: string[]; parts: Part[]; subject?: string };

export function toBody(from: string, draft: Draft, key?: string): CreateBody {
  const message: CreateBody['message'] = { parts: draft.parts };
  if (draft.subject !== undefined) message.subject = draft.subject;
  if (key !== undefined) message.idempotency_key = key;
  return { from, to: draft.to, message };
}

/**
 * A draft with an optional subject on a group (its display_name). A 1:1 chat gets none: the docs
 * do not say whether a 1:1 create takes one (subject-on-direct-chat).
 */
const draft = (to: fc.Arbitrary<string[]>, parts: fc.Arbitrary<Part[]>): fc.Arbitrary<Draft> =>
  fc.tuple(to, parts, fc.option(subject, { nil: undefined })).map(([t, p, s]) => (s === undefined || t.length === 1 ? { to: t, parts: p } : { to: t, parts: p, subject: s }));

/** A 1:1 create the docs say is accepted. */
export const directDraft = (text?: fc.Arbitrary<string>): fc.Arbitrary<Draft> => draft(recipients(1), directParts(text));

/** A group create (sizes within 2-31) the docs say is accepted. */
export const groupDraft = (min = 2, max = 31, text?: fc.Arbitrary<string>): fc.Arbitrary<Draft> => draft(recipients(min, max), groupParts(text));

/** Any create the docs say is accepted; groups kept small unless a property is about size. */
export const acceptedDraft = (text?: fc.Arbitrary<string>, maxGroup = 31): fc.Arbitrary<Draft> =>
  fc.oneof(directDraft(text), groupDraft(2, maxGroup, text));

/** Valid parts for a list of any size (text only, so valid for 1:1 and group alike). */
export const draftWith = (to: fc.Arbitrary<string[]>): fc.Arbitrary<Draft> => draft(to, groupParts());

/** A group whose first message has media or a rich link somewhere: everything else valid. */
export const groupMediaDraft: fc.Arbitrary<Draft> = draft(recipients(2, 31), partsWithMedia);

/** Idempotency keys as clients write them: UUIDs or slugs, no longer than every reading of idem-key-format takes. */
export const idempotencyKey: fc.Arbitrary<string> = fc.oneof(fc.uuid(), fc.stringMatching(new RegExp(`^[a-z0-9][a-z0-9-]{7,${SUITE_KEY_MAX_LENGTH - 1}}$`)));

// --- HMAC: raw layouts and tampering --------------------------------------------------------------

/** How a JSON document is written: whitespace between tokens, key order, optional escapes. */
export type Layout = { gaps: string[]; picks: number[]; escapeSlash: boolean; escapePlus: boolean };

export const layout: fc.Arbitrary<Layout> = fc.record({
  gaps: fc.array(fc.stringMatching(/^[ \t\n\r]{0,3}$/), { minLength: 1, maxLength: 8 }),
  picks: fc.array(fc.nat({ max: 9 }), { minLength: 1, maxLength: 8 }),
  escapeSlash: fc.boolean(),
  escapePlus: fc.boolean(),
});

/** Writes `value` as valid JSON in the given layout; JSON.parse of the result equals `value`. */
export function writeJson(value: unknown, style: Layout): string {
  let g = 0;
  let p = 0;
  const gap = () => style.gaps[g++ % style.gaps.length] as string;
  const pick = (n: number) => (style.picks[p++ % style.picks.length] as number) % n;
  const str = (s: string) => {
    let out = JSON.stringify(s);
    if (style.escapeSlash) out = out.replaceAll('/', '\\/');
    if (style.escapePlus) out = out.replaceAll('+', '\\u002b');
    return out;
  };
  const write = (v: unknown): string => {
    if (typeof v === 'string') return str(v);
    if (Array.isArray(v)) return `[${v.map((item) => `${gap()}${write(item)}${gap()}`).join(',')}]`;
    if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
      const ordered: string[] = [];
      while (keys.length > 0) ordered.push(keys.splice(pick(keys.length), 1)[0] as string);
      const members = ordered.map((k) => `${gap()}${str(k)}${gap()}:${gap()}${write((v as Record<string, unknown>)[k])}${gap()}`);
      return `{${members.join(',')}}`;
    }
    return JSON.stringify(v);
  };
  return `${gap()}${write(value)}${gap()}`;
}

/** Where a tamper may change one character: an ASCII letter or digit in a text part or the subject. */
type Spot = { part: number | 'subject'; index: number };

function tamperSpots(body: CreateBody): Spot[] {
  const spots: Spot[] = [];
  const scan = (value: string, part: Spot['part']) => {
    for (let i = 0; i < value.length; i++) if (/[A-Za-z0-9]/.test(value[i] as string)) spots.push({ part, index: i });
  };
  body.message.parts.forEach((part, i) => part.type === 'text' && scan(part.value, i));
  if (body.message.subject !== undefined) scan(body.message.subject, 'subject');
  return spots;
}

/** Another character of the same kind (digit, lower, upper), `shift` steps on. */
function shifted(c: string, shift: number): string {
  const alphabet = /\d/.test(c) ? '0123456789' : c === c.toLowerCase() ? 'abcdefghijklmnopqrstuvwxyz' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return alphabet[(alphabet.indexOf(c) + 1 + (shift % (alphabet.length - 1))) % alphabet.length] as string;
}

/**
 * The body with one ASCII letter or digit of a text part (or the subject) changed: as compact
 * JSON it differs from the original in exactly one byte, and its recipients are untouched.
 * Undefined when the body has no such character.
 */
export function flipOneCharacter(body: CreateBody, at: number, shift: number): { body: CreateBody; where: string } | undefined {
  const spots = tamperSpots(body);
  if (spots.length === 0) return undefined;
  const spot = spots[at % spots.length] as Spot;
  const copy = structuredClone(body);
  const change = (s: string) => `${s.slice(0, spot.index)}${shifted(s[spot.index] as string, shift)}${s.slice(spot.index + 1)}`;
  if (spot.part === 'subject') copy.message.subject = change(copy.message.subject as string);
  else (copy.message.parts[spot.part] as { value: string }).value = change((copy.message.parts[spot.part] as { value: string }).value);
  const before = (spot.part === 'subject' ? body.message.subject : (body.message.parts[spot.part] as { value: string }).value) as string;
  const where = `${spot.part === 'subject' ? 'message.subject' : `message.parts[${spot.part}].value`}[${spot.index}] "${before[spot.index]}" → "${shifted(before[spot.index] as string, shift)}"`;
  return { body: copy, where };
}

/** A change to the body after signing: one character flipped, or bytes added to a signed prefix. */
export type BodyChange = { kind: 'flip'; at: number; shift: number } | { kind: 'extend'; signed: number };

export const bodyChange: fc.Arbitrary<BodyChange> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), shift: fc.nat({ max: 24 }) }),
  // Signed over nothing is drawn often on purpose: it is the bodyless GET form ("<ts>.").
  fc.record({ kind: fc.constant('extend' as const), signed: fc.oneof(fc.constant(0), fc.nat()) }),
);

/** A change to the signature's hex: one digit replaced, or the hex cut short. */
export type SignatureChange = { kind: 'flip'; at: number; shift: number } | { kind: 'truncate'; keep: number };

export const signatureChange: fc.Arbitrary<SignatureChange> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.integer({ min: 0, max: 63 }), shift: fc.integer({ min: 1, max: 15 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('truncate' as const), keep: fc.integer({ min: 0, max: 63 }) }), weight: 1 },
);

/** Applies a signature change to a 64-hex digest. */
export function changeHex(hex: string, change: SignatureChange): string {
  if (change.kind === 'truncate') return hex.slice(0, change.keep);
  const digit = ((parseInt(hex[change.at] as string, 16) + change.shift) % 16).toString(16);
  return `${hex.slice(0, change.at)}${digit}${hex.slice(change.at + 1)}`;
}

/** Seconds of clock skew the docs allow (|skew| <= 290, 10 s inside the 300 s bound). */
export const skewWithin: fc.Arbitrary<number> = fc.integer({ min: -290, max: 290 });

/** Seconds of skew the docs reject (|skew| >= 310, up to ten years), past or future. */
export const skewBeyond: fc.Arbitrary<number> = fc
  .tuple(fc.integer({ min: 310, max: 10 * 365 * 86_400 }), fc.boolean())
  .map(([s, future]) => (future ? s : -s));

// --- full-domain text -----------------------------------------------------------------------------

/** Characters a tame generator rarely draws: astral, combining, right-to-left, zero-width, white space. */
export const ASTRAL = ['😀', '👋🏽', '👨‍👩‍👧', '🏳️‍🌈', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '𠜎', '🀄'];
export const COMBINING = ['e\u0301', 'a\u0308', 'q\u0323\u0307', 'n\u0303', '\u1100\u1161'];
export const RIGHT_TO_LEFT = ['שלום', 'مرحبا', '\u200f', '\u061c', 'עברית 123'];
export const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
export const WHITE_SPACE = [' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000'];

const fullUnit = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 3 }), weight: 3 },
  { arbitrary: fc.constantFrom(...ASTRAL), weight: 1 },
  { arbitrary: fc.constantFrom(...COMBINING), weight: 1 },
  { arbitrary: fc.constantFrom(...RIGHT_TO_LEFT), weight: 1 },
  { arbitrary: fc.constantFrom(...ZERO_WIDTH), weight: 1 },
  { arbitrary: fc.constantFrom(...WHITE_SPACE), weight: 2 },
);

const edge = fc.constantFrom('', '', ' ', '  ', '\n', '\t', ' \n', '\u00a0');

/** Short text: any units, often with white space before and after. */
const shortFullText: fc.Arbitrary<string> = fc
  .tuple(edge, fc.string({ unit: fullUnit, minLength: 1, maxLength: 30 }), edge)
  .map(([lead, body, tail]) => `${lead}${body}${tail}`);

/** Several KB: a short text repeated whole (never split inside a character) to 2-8 KB. */
const longFullText: fc.Arbitrary<string> = fc
  .tuple(shortFullText, fc.integer({ min: 2_048, max: 8_192 }))
  .map(([chunk, size]) => Array.from({ length: Math.ceil(size / Math.max(1, chunk.length)) }, () => chunk).join(' '));

/**
 * Text from everything the schema allows (a string of at least one character), except what the
 * contract rejects for other reasons: anything that reads as a URL (1005 on a first message).
 * Neither trimmed nor normalised: whether a server may do either is what the property judges.
 */
export const fullDomainText: fc.Arbitrary<string> = fc
  .oneof({ arbitrary: shortFullText, weight: 5 }, { arbitrary: longFullText, weight: 1 })
  .filter((value) => value.length > 0 && !readsAsUrl(value));

/**
 * Could any reading of the text find a link in it? Servers may look after normalising (NFC, NFKC),
 * after dropping invisible format characters or combining marks: "a.e\u0301x" is "a.éx" in NFC.
 */
export function readsAsUrl(value: string): boolean {
  const readings = [value, value.normalize('NFC'), value.normalize('NFKC'), value.replace(/[\p{Cf}\p{M}]/gu, ''), value.normalize('NFKC').replace(/[\p{Cf}\p{M}]/gu, '')];
  return readings.some((r) => LOOKS_LIKE_URL.test(r));
}
