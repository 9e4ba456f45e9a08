// The arbitraries keep their promises: numbers in range and fictional, invalid classes really
// invalid yet harmless, lists without duplicates, parts that obey the documented rules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { couldReachSomeone, E164_PATTERN, isFictional } from '../../src/domain/phones.ts';
import { validate } from '../../src/contract/validators.ts';
import type { Part } from '../fixtures/bodies.ts';
import {
  acceptedDraft,
  AREA_CODES,
  bodyChange,
  changeHex,
  directParts,
  exampleUrl,
  flipOneCharacter,
  fullDomainText,
  readsAsUrl,
  LOOKS_LIKE_URL,
  groupMediaDraft,
  INVALID_CLASSES,
  invalidNumberOf,
  isPlainText,
  layout,
  messageText,
  partsWithMedia,
  recipients,
  recipientsWithOneInvalid,
  signatureChange,
  skewBeyond,
  skewWithin,
  textWithAscii,
  toBody,
  validNumber,
  writeJson,
} from '../properties/arbitraries.ts';

const FROM = '+15555550100';
const runs = { numRuns: 300 };
const digitCount = (n: string) => n.replace(/\D/g, '').length;
const consecutiveText = (parts: Part[]) => parts.some((p, i) => i > 0 && p.type === 'text' && parts[i - 1]?.type === 'text');

test('area codes are 201-989 without N11, N00 or N9X codes', () => {
  assert.ok(AREA_CODES.length > 500);
  for (const code of AREA_CODES) {
    assert.ok(code >= 201 && code <= 989, String(code));
    assert.notEqual(code % 100, 11);
    assert.notEqual(Math.floor(code / 10) % 10, 9);
  }
});

test('valid numbers are E.164, fictional and let through by the live-safety guard', () => {
  fc.assert(fc.property(validNumber, (n) => E164_PATTERN.test(n) && isFictional(n) && !couldReachSomeone(n, [])), runs);
});

for (const kind of INVALID_CLASSES) {
  test(`invalid class ${kind} is never E.164 and reaches nobody`, () => {
    fc.assert(fc.property(invalidNumberOf[kind], (n) => !E164_PATTERN.test(n) && !couldReachSomeone(n, [])), runs);
  });
}

test('too-long numbers have 16 to 19 digits, zero-country-code numbers at most 15', () => {
  fc.assert(fc.property(invalidNumberOf['too-long'], (n) => digitCount(n) >= 16 && digitCount(n) <= 19), runs);
  fc.assert(fc.property(invalidNumberOf['zero-country-code'], (n) => n.startsWith('+0') && digitCount(n) <= 15), runs);
});

test('recipient lists have the asked size and no duplicates, even beyond 100 numbers', () => {
  fc.assert(fc.property(recipients(32, 45), (to) => to.length >= 32 && to.length <= 45 && new Set(to).size === to.length), { numRuns: 100 });
  const [big] = fc.sample(recipients(300), 1);
  assert.equal(new Set(big).size, 300);
});

test('the bounds of each count class come up', () => {
  const sizes = (min: number, max: number) => new Set(fc.sample(recipients(min, max), 300).map((to) => to.length));
  for (const [min, max] of [[2, 31], [32, 45]] as const) {
    const seen = sizes(min, max);
    assert.ok(seen.has(min) && seen.has(max), `${min} and ${max} among ${[...seen].join(',')}`);
  }
});

test('a list with one invalid number holds exactly one, among 1 to 31 distinct entries', () => {
  fc.assert(
    fc.property(recipientsWithOneInvalid, (to) => to.length >= 1 && to.length <= 31 && to.filter((n) => !E164_PATTERN.test(n)).length === 1 && new Set(to).size === to.length),
    runs,
  );
});

test('message text is non-empty, NFC, trimmed and holds nothing that reads as a URL', () => {
  fc.assert(fc.property(messageText, (t) => isPlainText(t) && t === t.normalize('NFC') && t === t.trim()), runs);
  fc.assert(fc.property(textWithAscii, (t) => /[A-Za-z0-9]/.test(t) && isPlainText(t)), runs);
  for (const url of ['see https://x.io', 'www.example', 'go to example.com', 'ftp://a']) assert.equal(isPlainText(url), false, url);
});

test('text reaches beyond the BMP and into RTL scripts', () => {
  const texts = fc.sample(messageText, 2000);
  assert.ok(texts.some((t) => /[\u{10000}-\u{10FFFF}]/u.test(t)), 'no astral-plane character');
  assert.ok(texts.some((t) => /[\u0590-\u08FF]/.test(t)), 'no RTL character');
});

test('example urls are valid URIs the spec accepts', () => {
  fc.assert(fc.property(exampleUrl, (url) => validate('RichLinkPart', { type: 'rich_link', url }).valid), runs);
});

test('1:1 parts start with text, never hold two texts in a row, and stay within 10 parts', () => {
  fc.assert(fc.property(directParts(), (parts) => parts[0]?.type === 'text' && !consecutiveText(parts) && parts.length <= 10 && parts.every((p) => p.type !== 'media')), runs);
});

test('media-first parts hold a media or rich_link part, and are otherwise valid', () => {
  fc.assert(fc.property(partsWithMedia, (parts) => parts.some((p) => p.type !== 'text') && !consecutiveText(parts) && parts.length <= 10), runs);
  fc.assert(fc.property(groupMediaDraft, (d) => d.to.length >= 2 && d.to.length <= 31), runs);
});

test('accepted drafts validate as a CreateChatRequest; groups are one text part', () => {
  fc.assert(
    fc.property(acceptedDraft(), (d) => {
      assert.deepEqual(validate('CreateChatRequest', toBody(FROM, d, 'k-1')), { valid: true });
      return d.to.length === 1 || (d.parts.length === 1 && d.parts[0]?.type === 'text');
    }),
    { numRuns: 100 },
  );
});

test('any layout writes JSON that parses back to the same body', () => {
  fc.assert(
    fc.property(acceptedDraft(undefined, 5), layout, (d, style) => {
      const body = toBody(FROM, d, 'key/+1');
      assert.deepEqual(JSON.parse(writeJson(body, style)), body);
    }),
    runs,
  );
});

test('a flipped character changes exactly one byte of the compact body and no recipient', () => {
  fc.assert(
    fc.property(acceptedDraft(textWithAscii, 5), bodyChange, (d, change) => {
      if (change.kind !== 'flip') return;
      const body = toBody(FROM, d);
      const flipped = flipOneCharacter(body, change.at, change.shift);
      assert.ok(flipped, 'text with ASCII always offers a spot');
      const [a, b] = [Buffer.from(JSON.stringify(body)), Buffer.from(JSON.stringify(flipped.body))];
      assert.equal(a.length, b.length);
      assert.equal(a.filter((byte, i) => byte !== b[i]).length, 1);
      assert.deepEqual(flipped.body.to, body.to);
    }),
    runs,
  );
});

test('a signature change always yields a different hex', () => {
  const hex = 'a'.repeat(32) + '0123456789abcdef'.repeat(2);
  fc.assert(fc.property(signatureChange, (change) => changeHex(hex, change) !== hex && /^[0-9a-f]*$/.test(changeHex(hex, change))), runs);
});

test('skews stay on their side of the 300 s bound, with 10 s of margin', () => {
  fc.assert(fc.property(skewWithin, (s) => Math.abs(s) <= 290), runs);
  fc.assert(fc.property(skewBeyond, (s) => Math.abs(s) >= 310), runs);
  const samples = fc.sample(skewBeyond, 500);
  assert.ok(samples.some((s) => s > 0) && samples.some((s) => s < 0), 'both past and future');
});

test('full-domain text covers astral, combining, RTL, zero-width, white space around and inside, newlines and several KB', () => {
  const samples = fc.sample(fullDomainText, { numRuns: 600, seed: 7 });
  const some = (what: string, test: (s: string) => boolean) => assert.ok(samples.some(test), `no sample has ${what}`);
  some('an astral character', (s) => /[\u{10000}-\u{10FFFF}]/u.test(s));
  some('a combining mark', (s) => /\p{M}/u.test(s));
  some('right-to-left text', (s) => /[\u0590-\u06FF\u200f]/u.test(s));
  some('a zero-width character', (s) => /[\u200b-\u200d\u2060\ufeff]/u.test(s));
  some('leading white space', (s) => /^\s/u.test(s));
  some('trailing white space', (s) => /\s$/u.test(s));
  some('a newline inside', (s) => /\S\n+\S/u.test(s));
  some('a text that NFC changes', (s) => s.normalize('NFC') !== s);
  some('several KB', (s) => Buffer.byteLength(s) > 4_096);
  for (const s of samples) assert.ok(!LOOKS_LIKE_URL.test(s) && !LOOKS_LIKE_URL.test(s.normalize('NFC')) && s.length > 0, JSON.stringify(s).slice(0, 80));
  assert.ok(readsAsUrl('see a.e\u0301x'), 'a link only NFC shows');
  assert.ok(readsAsUrl('www\u200b.example'), 'a link behind a zero-width character');
});
