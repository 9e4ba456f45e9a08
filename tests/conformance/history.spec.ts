// The history route (https://docs.trychert.com/api/chats/list-messages): the 200 most recent
// messages, oldest first, `has_more` when there are more. Judged on the test's own messages under
// every reading of what the page leaves open (src/checks/history.ts): earlier entries of a chat a
// target returned again, other entries of the chat's life, late or missed appends (read again,
// then unjudged), messages of one second in either order (so the test sends a second apart).
import { setTimeout as delay } from 'node:timers/promises';
import { EACH_AUTH, eachAuthMode, expect, repeatOnLostConnection, req, test } from '../fixtures/index.ts';
import { createBody, text, uniqueText } from '../fixtures/bodies.ts';
import { readHistory, skipIfMissing } from '../fixtures/fresh-chat.ts';
import { copiesOf, HISTORY_LIMIT, type OwnMessage } from '../../src/checks/history.ts';
import { unjudgedAnswer } from '../../src/checks/life.ts';
import type { ChertClient, ChertResponse } from '../../src/client/chert-client.ts';
import { unjudgedReason } from '../../src/report/observe.ts';
import { createdChat, expectAllSuccess, judgedSuccess, lifeChat, skipIfUnjudged, skipUnlessBuiltinMock } from './lifecycle-kit.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

type Schemas = components['schemas'];

/** More than a second between sends, so a server that stamps whole seconds stamps each apart. */
const APART_MS = 1_100;

// Four messages a second apart: a history in any other order (by a random id, say) shows here
// 23 times in 24, where two messages would show it only every other run. The safe profile, where
// each is a real iMessage, sends two.
test('the history lists the first message and its follow-ups, oldest first, and nothing of other chats', req('HISTORY-LIST', EACH_AUTH), async ({ chert: signed, settings, sendTo }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  // With a bearer token two as well: the signed run proves the order on four, this one the rule's
  // auth path, at the cost of one key-less follow-up and one second.
  const labels = settings.profile === 'safe' || chert.authMode === 'bearer' ? ['first', 'second'] : ['first', 'second', 'third', 'fourth'];
  const [first, ...followUps] = labels.map((label) => uniqueText(label)) as [string, ...string[]];
  const { chat, message } = await createdChat(chert, testInfo, createBody(settings.tenant.from, sendTo(2, labels.length), { subject: 'history', parts: [text(first)] }));
  const own: OwnMessage[] = [{ id: message.id, text: first }];
  for (const value of followUps) {
    await delay(APART_MS);
    const sent = judgedSuccess<Schemas['SendMessageResponse']>(testInfo, await chert.followUp(chat.id, { message: { parts: [text(value)] } }), 'SendMessageResponse', 'a follow-up', false);
    own.push({ id: sent.message.id, text: value });
  }
  const read = await readHistory(chert, chat.id, own, 'HISTORY-LIST');
  expect(read.res.status, read.res.text.slice(0, 200)).toBe(200);
  expect(read.judgement.problems).toEqual([]);
  const { messages } = read.res.json as Schemas['MessageList'];
  expect(messages.filter((m) => m.chat_id !== chat.id).map((m) => m.id), 'messages of other chats in this history').toEqual([]);
  skipIfMissing(testInfo, read);
})));

// Without a key the docs promise nothing either way: two sends (both listed), or the second taken
// for a double submit (the first id again, or refused with a 4xx). Never a copy the answers hid.
test('two identical follow-ups without a key are two messages, or one, and the history lists what was answered', req('HISTORY-LIST'), async ({ chert, settings }, testInfo) => repeatOnLostConnection(async () => {
  const { id } = await lifeChat(chert, settings, testInfo, 1);
  const value = uniqueText('twice');
  const body = { message: { parts: [text(value)] } };
  // `keyless`: the client otherwise gives each send a key of its own.
  const first = judgedSuccess<Schemas['SendMessageResponse']>(testInfo, await chert.followUp(id, body, { keyless: true }), 'SendMessageResponse', 'the first send', false);
  const second = await chert.followUp(id, body, { keyless: true });
  skipIfUnjudged(testInfo, second, 'the second send', false);
  const refused = second.status >= 400 && second.status < 500;
  const ids = refused ? [first.message.id] : [...new Set([first.message.id, judgedSuccess<Schemas['SendMessageResponse']>(testInfo, second, 'SendMessageResponse', 'the second send', false).message.id])];
  const read = await readHistory(chert, id, ids.map((m) => ({ id: m, text: value })), 'HISTORY-LIST');
  expect(read.res.status, read.res.text.slice(0, 200)).toBe(200);
  expect(read.judgement.problems).toEqual([]);
  skipIfMissing(testInfo, read);
  expect(copiesOf(read.res.json, value).ids.sort(), 'copies of the text in the history').toEqual([...ids].sort());
}));

/** Follow-ups side by side (the client's in-flight window bounds them): their order is not what is judged. */
async function sendMany(chert: ChertClient, chatId: string, count: number, label: string): Promise<ChertResponse[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => chert.followUp(chatId, { message: { parts: [text(`${label} ${i}`)] } })));
}

/** The history once it lists every one of `ids` (read again a few times, as appends may come late), else undefined. */
async function listingAll(chert: ChertClient, chatId: string, ids: ReadonlySet<string>): Promise<Schemas['MessageList'] | undefined> {
  for (let read = 1; read <= 6; read++) {
    const res = await chert.history(chatId);
    const page = res.json as Schemas['MessageList'] | undefined;
    if (res.status === 200 && Array.isArray(page?.messages) && [...ids].every((id) => page.messages.some((m) => m.id === id))) return page;
    await delay(250 * read);
  }
  return undefined;
}

// A page shorter than 200 holds everything; a chat of exactly 200 messages has none older
// (`has_more` "true when the conversation has more than 200 messages"), judged only when the page
// lists exactly the test's own 200 and the chat held nothing but its first message before them
// (a target may list other entries, miss appends, or return a chat with earlier rows). Once a
// chat provably holds more than 200, `has_more` is true. Provably: the page was full (200 listed,
// so at least 200 rows) before one more message was sent, and the history then lists that one.
// A target that misses appends may take more rounds. The oldest message, past those 200, is still
// the tenant's: an edit of it may succeed or be refused, but never crash. Over 200 real sends, so
// only on the built-in mock. (Mutants: has_more at 200 rows; has_more always false.)
test('a chat of exactly 200 messages has has_more false; of more than 200, has_more true, and an edit of its oldest does not crash', req('HISTORY-LIST'), async ({ chert, settings }, testInfo) => repeatOnLostConnection(async () => {
  skipUnlessBuiltinMock(settings, testInfo, 'it sends over 200 messages, too many for a live tenant');
  const { id, messageId } = await lifeChat(chert, settings, testInfo, 1);
  const before = await chert.history(id);
  const onlyTheFirst = ((before.json as Schemas['MessageList'] | undefined)?.messages ?? []).every((m) => m.id === messageId);
  const exactly = await sendMany(chert, id, HISTORY_LIMIT - 1, 'exactly');
  const refusedFirst = exactly.find((res) => unjudgedAnswer(res, false) !== undefined);
  if (refusedFirst) skipIfUnjudged(testInfo, refusedFirst, 'a follow-up', false);
  expectAllSuccess(exactly, 'SendMessageResponse');
  const own = new Set([messageId, ...exactly.map((res) => (res.json as Schemas['SendMessageResponse']).message.id)]);
  const page = await listingAll(chert, id, own);
  if (onlyTheFirst && page?.messages.length === HISTORY_LIMIT && page.messages.every((m) => own.has(m.id))) {
    expect(page.has_more, `has_more of a chat of exactly ${HISTORY_LIMIT} messages, all listed`).toBe(false);
  }
  let listed = page?.messages.length ?? 0;
  for (let round = 1; listed < HISTORY_LIMIT && round <= 5; round++) {
    const sent = await sendMany(chert, id, HISTORY_LIMIT - listed + 5, `round ${round}`);
    const refused = sent.find((res) => unjudgedAnswer(res, false) !== undefined);
    if (refused) skipIfUnjudged(testInfo, refused, 'a follow-up', false);
    expectAllSuccess(sent, 'SendMessageResponse');
    const page = await chert.history(id);
    expect(page.status, page.text.slice(0, 200)).toBe(200);
    listed = (page.json as Schemas['MessageList']).messages.length;
  }
  testInfo.skip(listed < HISTORY_LIMIT, unjudgedReason(`the history never listed ${HISTORY_LIMIT} messages (history-read-after-write: appends may be missed)`));
  const last = judgedSuccess<Schemas['SendMessageResponse']>(testInfo, await chert.followUp(id, { message: { parts: [text(uniqueText('the newest'))] } }), 'SendMessageResponse', 'the newest send', false);
  const read = await readHistory(chert, id, [{ id: last.message.id }], 'HISTORY-LIST');
  expect(read.judgement.problems).toEqual([]);
  skipIfMissing(testInfo, read);
  const body = read.res.json as Schemas['MessageList'];
  expect(body.messages.length, 'messages listed').toBe(HISTORY_LIMIT);
  expect(body.has_more, `has_more of a chat that held ${HISTORY_LIMIT} messages before one more was listed`).toBe(true);
  const edit = await chert.edit(messageId, { new_text: 'The oldest, edited' });
  const refusedDownstream = edit.status === 502 && (edit.json as { error?: { code?: unknown } } | undefined)?.error?.code === 4001;
  expect(edit.status < 500 || refusedDownstream, `an edit of the oldest message: HTTP ${edit.status} ${edit.text.slice(0, 200)}`).toBe(true);
}));
