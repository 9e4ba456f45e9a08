// Idempotent creates (message.idempotency_key): replays return the original, never a second chat.
import { expect, req, test, EACH_AUTH, eachAuthMode } from '../fixtures/index.ts';
import { createBody, text, uniqueKey, uniqueText } from '../fixtures/bodies.ts';
import { ANY_4XX, anyOf, spanning, SUCCESS } from '../../src/checks/expected.ts';
import { readHistory, skipIfMissing } from '../fixtures/fresh-chat.ts';
import { needCreated } from '../fixtures/premise.ts';
import type { ChertResponse } from '../../src/client/chert-client.ts';
import { copiesOf } from '../../src/checks/history.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

type Created = components['schemas']['CreateChatResponse'];

const ids = (json: unknown) => {
  const { chat, message } = json as Created;
  return { chat: chat.id, message: message.id };
};

test('a replay with the same key and body returns the original chat.id and message.id', req('IDEM-REPLAY-IDENTICAL', EACH_AUTH), async ({ chert: signed, settings, sendTo }, testInfo) => eachAuthMode(signed, async (chert) => {
  const body = createBody(settings.tenant.from, sendTo(2), { key: uniqueKey(), subject: 'replay' });
  const first = await chert.create(body);
  await needCreated(chert, testInfo, first, 2);
  expect(first.status, first.text.slice(0, 200)).toBeLessThan(300);
  const replay = await chert.create(body);
  expect(replay.status, replay.text.slice(0, 200)).toBeLessThan(300);
  expect(ids(replay.json)).toEqual(ids(first.json));
}));

test('after three replays of one key the chat history holds one first message', req('IDEM-NO-DUPLICATE-SEND', EACH_AUTH), async ({ chert: signed, settings, sendTo }, testInfo) => eachAuthMode(signed, async (chert) => {
  const value = uniqueText('once');
  const body = createBody(settings.tenant.from, sendTo(2), { key: uniqueKey(), subject: 'once', parts: [text(value)] });
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await chert.create(body));
  await needCreated(chert, testInfo, answers[0] as ChertResponse, 2);
  for (const res of answers) expect(res.status, res.text.slice(0, 200)).toBeLessThan(300);
  const { chat: chatId, message: messageId } = ids(answers[0]?.json);
  // Read again while not listed yet (history-read-after-write); a second copy under any id is a problem.
  const read = await readHistory(chert, chatId, [{ id: messageId, text: value }], 'IDEM-NO-DUPLICATE-SEND');
  expect(read.res.status >= 200 && read.res.status < 300, `the history: HTTP ${read.res.status} ${read.res.text.slice(0, 200)}`).toBe(true);
  expect(read.judgement.problems).toEqual([]);
  skipIfMissing(testInfo, read);
  expect(copiesOf(read.res.json, value).ids, 'messages in the history carrying the first message text').toEqual([messageId]);
}));

// The docs are silent on concurrency (idem-concurrent-duplicate): a duplicate in flight may be
// refused (409, 425, any refusal that is no auth error) or wait for the first, but never be a new chat.
const IN_FLIGHT = spanning(anyOf(SUCCESS, ANY_4XX), 'idem-concurrent-duplicate');

test('10 concurrent creates with one key yield one chat', req('IDEM-ONE-CHAT-PER-KEY', EACH_AUTH), async ({ chert: signed, settings, sendTo }, testInfo) => eachAuthMode(signed, async (chert) => {
  const body = createBody(settings.tenant.from, sendTo(2), { key: uniqueKey(), subject: 'burst' });
  const answers = await Promise.all(Array.from({ length: 10 }, () => chert.create(body)));
  const accepted = answers.filter((res) => res.status < 300);
  if (accepted.length === 0) await needCreated(chert, testInfo, answers[0] as ChertResponse, 2);
  for (const res of answers) {
    expect.soft(res, 'a duplicate in flight').toAnswer(IN_FLIGHT);
    expect.soft(res.status, `not an auth failure: ${res.text.slice(0, 200)}`).not.toBe(401);
  }
  expect(accepted.length).toBeGreaterThan(0);
  expect(new Set(accepted.map((res) => ids(res.json).chat)).size).toBe(1);
}));

// The docs say only "reuse the same key and body"; the contract's SHOULD: another body is refused.
test('the same key with another body is rejected with a 4xx', req('IDEM-BODY-MISMATCH', EACH_AUTH), async ({ chert: signed, settings, sendTo }, testInfo) => eachAuthMode(signed, async (chert) => {
  const key = uniqueKey();
  const to = sendTo(2, 2);
  const first = await chert.create(createBody(settings.tenant.from, to, { key, subject: 'first body' }));
  await needCreated(chert, testInfo, first, 2);
  expect(first.status).toBeLessThan(300);
  expect(await chert.create(createBody(settings.tenant.from, to, { key, subject: 'second body' }))).toBeRejected();
}));

test('the same key in another tenant creates that tenant its own chat', req('IDEM-TENANT-SCOPED', EACH_AUTH), async ({ chert: signed, settings, tenantB, sendTo }, testInfo) => eachAuthMode(signed, async (chert) => {
  const key = uniqueKey();
  const to = sendTo(2, 2);
  const inA = await chert.create(createBody(settings.tenant.from, to, { key, subject: 'tenant scope' }));
  await needCreated(chert, testInfo, inA, 2);
  const inB = await chert.create(createBody(tenantB.from, to, { key, subject: 'tenant scope' }), { auth: chert.auth(tenantB) });
  expect(inA.status, inA.text.slice(0, 200)).toBeLessThan(300);
  expect(inB.status, inB.text.slice(0, 200)).toBeLessThan(300);
  expect(ids(inB.json).chat).not.toBe(ids(inA.json).chat);
}));
