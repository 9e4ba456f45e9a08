// The follow-up route (https://docs.trychert.com/api/chats/send-message). Its success status is
// not documented (success-status: any 2xx with the documented body), nor whether its
// `idempotency_key` deduplicates (followup-idempotency-key); iMessage may refuse a send to a
// fictional recipient at once (undeliverable-recipient: 502 / 4001 leaves the check unjudged).
import { EACH_AUTH, eachAuthMode, eachCase, expect, repeatOnLostConnection, req, reqOn, test } from '../fixtures/index.ts';
import { createBody, richLink, text, uniqueKey, uniqueText } from '../fixtures/bodies.ts';
import { readHistory, skipIfMissing } from '../fixtures/fresh-chat.ts';
import { errorCode } from '../../src/checks/answer.ts';
import { copiesOf } from '../../src/checks/history.ts';
import { createdChat, judgedSuccess } from './lifecycle-kit.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

type Sent = components['schemas']['SendMessageResponse'];

// A rich link, not media: media needs an attachment uploaded first, which this suite cannot do. The
// text after it is no consecutive text part (1008 forbids adjacent text parts only) and holds no
// URL, so every reading takes the message.
test('a new group accepts a follow-up with a rich link then a text, then another, both without a key, each with the group id as chat_id', req('FOLLOWUP-SEND', EACH_AUTH), async ({ chert: signed, settings, sendTo }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { chat } = await createdChat(chert, testInfo, createBody(settings.tenant.from, sendTo(2, 3), { subject: 'follow-up' }));
  // `keyless`: the client otherwise gives each send a key of its own.
  const res = await chert.followUp(chat.id, { message: { parts: [richLink('https://example.com/after-create'), text(uniqueText('after the link'))] } }, { keyless: true });
  const { message } = judgedSuccess<Sent>(testInfo, res, 'SendMessageResponse', 'the follow-up', false);
  expect(message.chat_id).toBe(chat.id);
  // Another body without a key is another message under every reading (followup-keyless-duplicates
  // drops only an identical body): sent, never refused as a reused key.
  const next = judgedSuccess<Sent>(testInfo, await chert.followUp(chat.id, { message: { parts: [text(uniqueText('second follow-up'))] } }, { keyless: true }), 'SendMessageResponse', 'a second key-less follow-up', false);
  expect(next.message.chat_id).toBe(chat.id);
  expect(next.message.id, 'the second key-less follow-up is a message of its own').not.toBe(message.id);
})));

test('a follow-up with top-level parts returns 400', req('FOLLOWUP-TOP-LEVEL-PARTS', EACH_AUTH), async ({ chert: signed, settings, sendTo }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { chat } = await createdChat(chert, testInfo, createBody(settings.tenant.from, sendTo(1, 2)));
  const res = await chert.followUp(chat.id, { parts: [text(uniqueText())] });
  expect(res.status, res.text.slice(0, 200)).toBe(400);
})));

// "At most 10 parts per message": ten are within the cap under every reading of which parts count
// (parts-cap). Whether one message may hold several texts or links is open (text-parts-nonadjacent,
// rich-link-count), so any answer passes but the cap's own 1006.
test('a follow-up of exactly 10 parts is not refused as too many parts (1006)', reqOn('CHAT-PARTS-MAX', ['sendMessage']), async ({ chert, settings, sendTo }, testInfo) => repeatOnLostConnection(async () => {
  const { chat } = await createdChat(chert, testInfo, createBody(settings.tenant.from, sendTo(2, 2), { subject: 'ten parts' }));
  const parts = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? text(uniqueText(`part ${i}`)) : richLink(`https://example.com/ten-parts-${i}`)));
  const res = await chert.followUp(chat.id, { message: { parts } });
  expect(errorCode(res), `a 10-part follow-up answered HTTP ${res.status}: ${res.text.slice(0, 200)}`).not.toBe(1006);
}));

// The model test (tests/properties/chat-life.spec.ts) reaches this only when its random sequence
// happens to replay a keyed follow-up; this example makes the rule's proof certain on every run.
// The docs do not say the follow-up's key deduplicates: a replay returns the first message (then
// the history holds it once) or is a second send with an id of its own (then it holds both).
test('a follow-up replayed with its key is the first message again, or a second one the history also lists', req('CHAT-LIFE-CONSISTENT'), async ({ chert, settings, sendTo }, testInfo) => repeatOnLostConnection(async () => {
  const { chat } = await createdChat(chert, testInfo, createBody(settings.tenant.from, sendTo(2, 3), { subject: 'follow-up replay' }));
  const value = uniqueText('follow-up once');
  const body = { message: { parts: [text(value)], idempotency_key: uniqueKey() } };
  const first = judgedSuccess<Sent>(testInfo, await chert.followUp(chat.id, body), 'SendMessageResponse', 'the follow-up', false);
  const replay = judgedSuccess<Sent>(testInfo, await chert.followUp(chat.id, body), 'SendMessageResponse', 'its replay', false);
  const ids = [...new Set([first.message.id, replay.message.id])];
  const read = await readHistory(chert, chat.id, ids.map((id) => ({ id })), 'CHAT-LIFE-CONSISTENT');
  expect(read.res.status, read.res.text.slice(0, 200)).toBe(200);
  expect(read.judgement.problems).toEqual([]);
  skipIfMissing(testInfo, read);
  expect(copiesOf(read.res.json, value).ids.sort(), `the history's copies of the follow-up (replay answered ${ids.length === 1 ? 'the first id' : 'a new id'})`).toEqual([...ids].sort());
}));

/** The operation each route is (the coverage of the requirement's domain). */
const ROUTE_OPERATIONS = { 'follow-up': 'sendMessage', history: 'listMessages' } as const;

const ROUTES = ['follow-up', 'history'] as const;

test("another tenant's chat returns 404 with code 2002 on the follow-up and history routes", reqOn('CHAT-TENANT-ISOLATION', ROUTES.map((route) => ROUTE_OPERATIONS[route]), EACH_AUTH), async ({ chert: signed, settings, tenantB, sendTo }, testInfo) => repeatOnLostConnection(async () => eachCase(ROUTES.map((route) => ({
  label: `the ${route} route`,
  operation: ROUTE_OPERATIONS[route],
  run: () => eachAuthMode(signed, async (chert) => {
    // A follow-up that wrongly got through would send a second message: budget for it.
    const { chat } = await createdChat(chert, testInfo, createBody(settings.tenant.from, sendTo(1, route === 'history' ? 1 : 2)));
    const auth = chert.auth(tenantB);
    const res = route === 'history'
      ? await chert.history(chat.id, { auth })
      : await chert.followUp(chat.id, { message: { parts: [text(uniqueText('intruder'))] } }, { auth });
    expect(res, `the ${route} route, another tenant's chat`).toBeChertError(404, 2002);
  }),
})))));
