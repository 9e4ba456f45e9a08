// Every request the contract rejects before delivery, as data: what is sent, the set of answers
// the docs allow (every reading of an open choice included, specs/open-choices.yaml), and the
// requirement that says so. Each body is valid but for the one thing it varies, so a server
// ignoring that rule would visibly accept it (to fictional numbers only). Group media-first cases
// use rich links: a media part needs an uploaded attachment, and a made-up id may rightly be
// refused first.
import { randomUUID } from 'node:crypto';
import type { Call } from '../../src/client/chert-client.ts';
import type { Settings } from '../../src/config/settings.ts';
import { anyOf, rejectedWith, spanning, type Expected } from '../../src/checks/expected.ts';
import { createBody, fictionalTo, richLink, text, uniqueText } from '../fixtures/bodies.ts';

export type ErrorCase = {
  title: string;
  requirement: string;
  call: (settings: Settings) => Call;
  expected: Expected;
  /** Set where the requirement itself names the `retryable` flag. */
  retryable?: boolean;
};

const create = (body: unknown): Call => ({ method: 'POST', path: '/api/v1/chats', body });
const valid = (s: Settings, to = fictionalTo(1)) => createBody(s.tenant.from, to);
const withMessage = (s: Settings, message: unknown, to = fictionalTo(1)) => ({ from: s.tenant.from, to, message });
const withTo = (s: Settings, to: unknown) => ({ ...valid(s), to });
const withFrom = (s: Settings, from: unknown) => ({ ...valid(s), from });

/** The errors catalog and the route page give 1006 and 2006 different statuses; the code is the MUST (contract section 2). */
const TOO_MANY_RECIPIENTS = spanning(rejectedWith([422, 400], 1006), 'recipients-over-max-status');
const GROUP_MEDIA_FIRST = spanning(rejectedWith([501, 422], 4099), 'group-media-first-status');
const UNASSIGNED_FROM = spanning(rejectedWith([403, 400], 2006), 'from-unassigned-status');
/** A malformed `from` may be parsed (1003) or looked up among the lines first (2006). */
const BAD_FROM = spanning(anyOf(rejectedWith(400, 1003), UNASSIGNED_FROM), 'from-format-vs-ownership');

/** Invalid E.164 spellings of fictional numbers: harmless even to a lenient server. */
export const INVALID_NUMBERS: [string, string][] = [
  ['no plus', '14155550123'],
  ['letters', '+1415555012a'],
  ['16 digits', '+1415555012345678'],
  ['empty', ''],
  ['zero country code', '+04155550123'],
];

/** 11 text parts with a rich link between each two: more than 10 parts whether or not links count (parts-cap). */
const elevenTexts = () => Array.from({ length: 21 }, (_, i) => (i % 2 === 0 ? text(`${uniqueText()} ${i}`) : richLink(`https://example.com/${i}`)));

export const ERROR_CASES: ErrorCase[] = [
  { title: 'missing from returns 400 with code 1001', requirement: 'CHAT-FIELDS-REQUIRED', expected: rejectedWith(400, 1001),
    call: () => create({ to: fictionalTo(1), message: { parts: [text(uniqueText())] } }) },
  { title: 'missing to returns 400 with code 1001', requirement: 'CHAT-FIELDS-REQUIRED', expected: rejectedWith(400, 1001),
    call: (s) => create({ from: s.tenant.from, message: { parts: [text(uniqueText())] } }) },
  // A group's: on a 1:1 chat the subject may itself be refused, first (subject-on-direct-chat, rejected).
  { title: 'missing message.parts returns 400 with code 1001', requirement: 'CHAT-FIELDS-REQUIRED', expected: rejectedWith(400, 1001),
    call: (s) => create(withMessage(s, { subject: 'no parts' }, fictionalTo(2))) },
  { title: 'missing message returns 400 with code 1001', requirement: 'CHAT-FIELDS-REQUIRED', expected: rejectedWith(400, 1001),
    call: (s) => create({ from: s.tenant.from, to: fictionalTo(1) }) },
  { title: 'empty to returns 400 with code 1001 or 1002', requirement: 'CHAT-RECIPIENTS-EMPTY', expected: spanning(rejectedWith(400, [1001, 1002]), 'to-empty'),
    call: (s) => create(withTo(s, [])) },
  { title: 'to as a string returns 400 with code 1002', requirement: 'CHAT-FIELD-TYPES', expected: rejectedWith(400, 1002),
    call: (s) => create(withTo(s, fictionalTo(1)[0])) },
  { title: 'parts as an object returns 400 with code 1002', requirement: 'CHAT-FIELD-TYPES', expected: rejectedWith(400, 1002),
    call: (s) => create(withMessage(s, { parts: text(uniqueText()) })) },
  { title: 'an unknown part type returns 400 with code 1002', requirement: 'CHAT-FIELD-TYPES', expected: rejectedWith(400, 1002),
    call: (s) => create(withMessage(s, { parts: [{ type: 'video', value: uniqueText() }] })) },
  { title: 'a text part whose value is a number returns 400 with code 1002', requirement: 'CHAT-FIELD-TYPES', expected: rejectedWith(400, 1002),
    call: (s) => create(withMessage(s, { parts: [{ type: 'text', value: 42 }] })) },
  { title: 'a body that is not JSON returns 400 with code 1004', requirement: 'CHAT-INVALID-JSON', expected: rejectedWith(400, 1004),
    call: (s) => create(`{"from":"${s.tenant.from}","to":["${fictionalTo(1)[0]}"],"message":{"parts":[{"type":"text","value":"cut`) },
  { title: 'a trailing comma returns 400 with code 1004', requirement: 'CHAT-INVALID-JSON', expected: rejectedWith(400, 1004),
    call: (s) => create(`{"from":"${s.tenant.from}","to":["${fictionalTo(1)[0]}"],"message":{"parts":[{"type":"text","value":"hi"}]},}`) },
  { title: 'an https URL inside a text part returns 400 with code 1005', requirement: 'CHAT-TEXT-URL', expected: rejectedWith(400, 1005),
    call: (s) => create(withMessage(s, { parts: [text(`see https://example.com/${uniqueText('x').replace(' ', '-')}`)] })) },
  { title: 'an http URL inside a text part returns 400 with code 1005', requirement: 'CHAT-TEXT-URL', expected: rejectedWith(400, 1005),
    call: (s) => create(withMessage(s, { parts: [text(`details at http://example.com/${uniqueText('y').replace(' ', '-')} today`)] })) },
  // A second text part breaks "no consecutive texts" and the one-text-part reading alike.
  { title: 'two consecutive text parts return 400 with code 1008', requirement: 'CHAT-CONSECUTIVE-TEXT', expected: rejectedWith(400, 1008),
    call: (s) => create(withMessage(s, { parts: [text(uniqueText()), text('second')] })) },
  { title: 'consecutive text parts after a link return 400 with code 1008', requirement: 'CHAT-CONSECUTIVE-TEXT', expected: rejectedWith(400, 1008),
    call: (s) => create(withMessage(s, { parts: [text(uniqueText()), richLink(), text('a'), text('b')] })) },
  { title: '32 recipients returns 1006 (422 or 400)', requirement: 'CHAT-RECIPIENTS-MAX', expected: TOO_MANY_RECIPIENTS,
    call: (s) => create(createBody(s.tenant.from, fictionalTo(32), { subject: 'too many' })) },
  { title: '40 recipients returns 1006 (422 or 400)', requirement: 'CHAT-RECIPIENTS-MAX', expected: TOO_MANY_RECIPIENTS,
    call: (s) => create(createBody(s.tenant.from, fictionalTo(40))) },
  { title: 'a group first message with text then a rich link returns 4099 (501 or 422)', requirement: 'CHAT-GROUP-MEDIA-FIRST', expected: GROUP_MEDIA_FIRST, retryable: false,
    call: (s) => create(createBody(s.tenant.from, fictionalTo(3), { parts: [text(uniqueText()), richLink()] })) },
  { title: 'a group first message with a rich link first returns 4099 (501 or 422)', requirement: 'CHAT-GROUP-MEDIA-FIRST', expected: GROUP_MEDIA_FIRST, retryable: false,
    call: (s) => create(createBody(s.tenant.from, fictionalTo(2), { parts: [richLink(), text(uniqueText())] })) },
  { title: 'a 31-member group with a rich link last returns 4099 (501 or 422)', requirement: 'CHAT-GROUP-MEDIA-FIRST', expected: GROUP_MEDIA_FIRST, retryable: false,
    call: (s) => create(createBody(s.tenant.from, fictionalTo(31), { parts: [text(uniqueText()), richLink('https://example.com/a')] })) },
  ...INVALID_NUMBERS.map(([label, number]): ErrorCase => ({
    title: `a to entry with ${label} returns 400 with code 1003`, requirement: 'PHONE-TO-E164', expected: rejectedWith(400, 1003),
    call: (s) => create(withTo(s, [number])),
  })),
  { title: 'an invalid number second in a group returns 400 with code 1003', requirement: 'PHONE-TO-E164', expected: rejectedWith(400, 1003),
    call: (s) => {
      const [first, third] = fictionalTo(2) as [string, string];
      return create(withTo(s, [first, '14155550123', third]));
    } },
  ...INVALID_NUMBERS.map(([label, number]): ErrorCase => ({
    title: `a from with ${label} returns 400 with code 1003, or 2006 as not the tenant's`, requirement: 'PHONE-FROM-E164', expected: BAD_FROM,
    call: (s) => create(withFrom(s, number)),
  })),
  { title: 'a from line not assigned to the tenant returns 2006 (403 or 400)', requirement: 'PHONE-FROM-ASSIGNED', expected: UNASSIGNED_FROM,
    call: (s) => create(withFrom(s, s.tenant.from === '+19895550199' ? '+19895550198' : '+19895550199')) },
  { title: 'more than 10 parts returns 1006', requirement: 'CHAT-PARTS-MAX', expected: spanning(anyOf(rejectedWith([400, 422], 1006), rejectedWith(400, 1002)), 'parts-cap', 'rich-link-count'),
    call: (s) => create(withMessage(s, { parts: elevenTexts() })) },
  { title: 'a wrong bearer token returns 401 with code 2004', requirement: 'AUTH-BEARER-INVALID', expected: rejectedWith(401, 2004),
    call: (s) => ({ ...create(valid(s)), auth: { mode: 'bearer', token: 'f'.repeat(32), tenantHeader: s.tenant.slug } }) },
  { title: 'a wrong bearer token without a tenant header returns 401 with code 2004', requirement: 'AUTH-BEARER-INVALID', expected: rejectedWith(401, 2004),
    call: (s) => ({ ...create(valid(s)), auth: { mode: 'bearer', token: 'f'.repeat(32) } }) },
  { title: 'the secret with its last character changed, as a bearer token, returns 401 with code 2004', requirement: 'AUTH-BEARER-INVALID', expected: rejectedWith(401, 2004),
    call: (s) => ({ ...create(valid(s)), auth: { mode: 'bearer', token: s.tenant.secret.slice(0, -1) + (s.tenant.secret.endsWith('0') ? '1' : '0') } }) },
  { title: 'the secret with extra characters, as a bearer token, returns 401 with code 2004', requirement: 'AUTH-BEARER-INVALID', expected: rejectedWith(401, 2004),
    call: (s) => ({ ...create(valid(s)), auth: { mode: 'bearer', token: `${s.tenant.secret}00` } }) },
  { title: 'a request without credentials returns 401 with code 2012', requirement: 'AUTH-MISSING', expected: rejectedWith(401, 2012),
    call: (s) => ({ ...create(valid(s)), auth: { mode: 'none' } }) },
  { title: 'a signature 400 s old returns 401 with code 2013', requirement: 'AUTH-HMAC-SKEW-REJECTED', expected: rejectedWith(401, 2013),
    call: (s) => ({ ...create(valid(s)), auth: { mode: 'hmac', skewSeconds: -400 } }) },
  { title: 'a signature 400 s ahead returns 401 with code 2013', requirement: 'AUTH-HMAC-SKEW-REJECTED', expected: rejectedWith(401, 2013),
    call: (s) => ({ ...create(valid(s)), auth: { mode: 'hmac', skewSeconds: 400 } }) },
  { title: 'a signature made with another secret returns 401 with code 2004', requirement: 'AUTH-HMAC-SIGNATURE-TAMPERED', expected: rejectedWith(401, 2004),
    call: (s) => ({ ...create(valid(s)), auth: { mode: 'hmac', secret: 'f'.repeat(32) } }) },
  { title: 'an unknown chat id returns 404 with code 2002 on the follow-up route', requirement: 'CHAT-NOT-FOUND', expected: rejectedWith(404, 2002),
    call: () => ({ method: 'POST', path: `/api/v1/chats/${UNKNOWN_CHAT}/messages`, body: { message: { parts: [text(uniqueText())] } } }) },
  { title: 'an unknown chat id returns 404 with code 2002 on the history route', requirement: 'CHAT-NOT-FOUND', expected: rejectedWith(404, 2002),
    call: () => ({ method: 'GET', path: `/api/v1/chats/${UNKNOWN_CHAT}/messages` }) },
];

/**
 * A chat id no target has, drawn once per process: a constant would be read by every run, and a
 * target that refuses a signature it has seen (signature-replay) meets the same bodyless read
 * again and again. The guard lets follow-ups probe it (tests add it to fabricatedChatIds).
 */
export const UNKNOWN_CHAT = randomUUID();
