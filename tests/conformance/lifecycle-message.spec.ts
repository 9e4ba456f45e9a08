// The routes that take a message id: reactions and edits (https://docs.trychert.com/api/messages/
// react, /api/messages/edit). The 15-minute window and inbound messages need the built-in mock's
// test controls (a clock the suite can move, a message the suite can receive). The answers may
// name the message in another form than the path (id-echo-form): any non-empty id passes.
import { EACH_AUTH, eachAuthMode, expect, repeatOnLostConnection, req, reqOn, test } from '../fixtures/index.ts';
import { richLink, text, uniqueText } from '../fixtures/bodies.ts';
import { readHistory, skipIfMissing } from '../fixtures/fresh-chat.ts';
import { EDIT_WINDOW_CLOSED, NO_SUCH_PART, NOT_A_MESSAGE, unjudgedAnswer } from '../../src/checks/life.ts';
import { expectAnswer, expectSuccess, judgedSuccess, lifeChat, mockControl, skipIfUnjudged, skipUnlessBuiltinMock } from './lifecycle-kit.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

type Schemas = components['schemas'];

const REACTIONS = ['love', 'like', 'dislike', 'laugh', 'emphasize', 'question', 'love'] as const;

// --- react -----------------------------------------------------------------------------------

test('every documented reaction is sent, and a repeated one is sent again', req('REACT-SEND', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { messageId } = await lifeChat(chert, settings, testInfo, 1);
  // With a bearer token, one reaction and its repeat. The client never resends a reaction after a
  // lost connection (it could act twice); here a reaction that lost its connection is sent again on
  // its own, which only repeats it, as the test does anyway: the rest of the attempt stands.
  for (const reaction of chert.authMode === 'bearer' ? [REACTIONS[0], REACTIONS[0]] : REACTIONS) {
    await repeatOnLostConnection(async () => {
      const body = judgedSuccess<Schemas['ReactResponse']>(testInfo, await chert.react(messageId, { reaction }), 'ReactResponse', `"${reaction}"`, false);
      expect(body, reaction).toMatchObject({ status: 'sent', reaction });
    });
  }
})));

test('an undocumented reaction returns 400 with code 1002', req('REACT-INVALID', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { messageId } = await lifeChat(chert, settings, testInfo, 1);
  const res = await chert.react(messageId, { reaction: 'wow' });
  skipIfUnjudged(testInfo, res, 'the reaction', false);
  expect(res).toBeChertError(400, 1002);
})));

// --- react and edit: whose message -----------------------------------------------------------

const ACTIONS = {
  react: { requirement: 'REACT-MESSAGE-NOT-FOUND', body: { reaction: 'like' } },
  edit: { requirement: 'EDIT-MESSAGE-NOT-FOUND', body: { new_text: 'edited' } },
} as const;

for (const [action, { requirement, body }] of Object.entries(ACTIONS) as [keyof typeof ACTIONS, (typeof ACTIONS)[keyof typeof ACTIONS]][]) {
  const send = (chert: Parameters<typeof lifeChat>[0], id: string, auth?: ReturnType<typeof chert.auth>) =>
    action === 'react' ? chert.react(id, body, { auth }) : chert.edit(id, body, { auth });

  // Rejected before any effect, so the safe profile sends it too.
  test(`${action} on an unknown message id returns 404 with code 2003`, req(requirement, EACH_AUTH), async ({ chert: signed }) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
    expect(await send(chert, chert.unknownMessageId())).toBeChertError(404, 2003);
  })));

  // The documented pitfall: no such message (2003), or the catalog's "resource type mismatch" (1011).
  test(`${action} with a chat id in place of the message id returns 404 / 2003 or 409 / 1011`, req(requirement), async ({ chert, settings }, testInfo) => repeatOnLostConnection(async () => {
    const { id } = await lifeChat(chert, settings, testInfo, 1);
    chert.fabricatedMessageIds.add(id); // names no message: the documented pitfall, let through the guard
    expectAnswer(await send(chert, id), requirement, NOT_A_MESSAGE);
  }));

  test(`${action} on another tenant's message returns 404 with code 2003`, req(requirement, EACH_AUTH), async ({ chert: signed, settings, tenantB }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
    const { messageId } = await lifeChat(chert, settings, testInfo, 1);
    expect(await send(chert, messageId, chert.auth(tenantB))).toBeChertError(404, 2003);
  })));
}

// --- edit ------------------------------------------------------------------------------------

// Text part 0 of a one-text message: the one index every reading of edited_part_index agrees on.
// The history lists the message once more, with the text as sent or as edited (history-after-edit);
// an entry of the edit's own may be listed beside it.
test('an edit of text part 0 within the window returns the new text, and the history still lists the message', req('EDIT-OUTBOUND', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id, messageId, text } = await lifeChat(chert, settings, testInfo, 1);
  const body = judgedSuccess<Schemas['EditMessageResponse']>(testInfo, await chert.edit(messageId, { new_text: 'Updated copy', edited_part_index: 0 }), 'EditMessageResponse', 'the edit');
  expect(body).toMatchObject({ status: 'edited', new_text: 'Updated copy' });
  const read = await readHistory(chert, id, [{ id: messageId }], 'EDIT-OUTBOUND');
  expect(read.res.status, read.res.text.slice(0, 200)).toBe(200);
  expect(read.judgement.problems).toEqual([]);
  skipIfMissing(testInfo, read);
  const listed = (read.res.json as Schemas['MessageList']).messages.find((m) => m.id === messageId);
  const texts = (listed?.parts ?? []).flatMap((p) => (p.type === 'text' ? [p.value] : []));
  expect([[text], ['Updated copy']], `the edited message's text in the history: ${JSON.stringify(texts)}`).toContainEqual(texts);
})));

test('an edit with an empty new_text, or none, returns 400 with code 1002', req('EDIT-EMPTY', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { messageId } = await lifeChat(chert, settings, testInfo, 1);
  for (const [label, body] of [['an empty new_text', { new_text: '' }], ['no new_text', {}]] as const) {
    const res = await chert.edit(messageId, body);
    skipIfUnjudged(testInfo, res, `the edit with ${label}`);
    expect.soft(res, label).toBeChertError(400, 1002);
  }
})));

// A follow-up of a text then a rich link. Index 1 names no text part under either reading of
// edited_part_index (the second text part; part 1, a rich link): refused, as below. Index 0 is its
// text under both: two edits there succeed (two are within every reading of edit-count-limit), and
// the history lists the message with its text as sent or as last edited and its rich link as sent.
test('a text and rich-link message keeps its link through two edits of its text, and part 1 is refused', req('EDIT-OUTBOUND'), async ({ chert, settings }, testInfo) => repeatOnLostConnection(async () => {
  const { id } = await lifeChat(chert, settings, testInfo, 1);
  const sent = uniqueText('edited twice');
  const link = 'https://example.com/edited-message';
  const followed = await chert.followUp(id, { message: { parts: [text(sent), richLink(link)] } });
  const messageId = judgedSuccess<Schemas['SendMessageResponse']>(testInfo, followed, 'SendMessageResponse', 'the follow-up', false).message.id;
  const partOne = await chert.edit(messageId, { new_text: 'Not a text part', edited_part_index: 1 });
  // A line not pinned yet may answer first (4099): nothing said about the part.
  if (unjudgedAnswer(partOne)?.choice === 'line-ready-after-create') skipIfUnjudged(testInfo, partOne, 'the edit of part 1');
  expectAnswer(partOne, 'CHAT-BAD-INPUT-NO-5XX', NO_SUCH_PART, 'edited_part_index 1 of a text and a rich link');
  for (const newText of ['First edit', 'Second edit']) {
    const body = judgedSuccess<Schemas['EditMessageResponse']>(testInfo, await chert.edit(messageId, { new_text: newText, edited_part_index: 0 }), 'EditMessageResponse', `the edit to "${newText}"`);
    expect(body).toMatchObject({ status: 'edited', new_text: newText });
  }
  const read = await readHistory(chert, id, [{ id: messageId }], 'EDIT-OUTBOUND');
  expect(read.res.status, read.res.text.slice(0, 200)).toBe(200);
  expect(read.judgement.problems).toEqual([]);
  skipIfMissing(testInfo, read);
  const parts = (read.res.json as Schemas['MessageList']).messages.find((m) => m.id === messageId)?.parts ?? [];
  expect(parts.map((p) => p.type), `the edited message's parts in the history: ${JSON.stringify(parts)}`).toEqual(['text', 'rich_link']);
  expect([sent, 'Second edit'], `its text: ${JSON.stringify(parts[0])}`).toContain(parts[0]?.type === 'text' ? parts[0].value : undefined);
  expect(parts[1]?.type === 'rich_link' ? parts[1].url : undefined, 'its rich link').toBe(link);
}));

// An index that names no text part cannot be edited: any refusal, or the page's "no longer
// editable" 4001; never a success or a 5xx.
test('an edit of a text part the message does not have is refused', reqOn('CHAT-BAD-INPUT-NO-5XX', ['editMessage'], EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { messageId } = await lifeChat(chert, settings, testInfo, 1);
  const res = await chert.edit(messageId, { new_text: 'No such part', edited_part_index: 3 });
  // A line not pinned yet may answer first (4099): nothing said about the part.
  if (unjudgedAnswer(res)?.choice === 'line-ready-after-create') skipIfUnjudged(testInfo, res, 'the edit');
  expectAnswer(res, 'CHAT-BAD-INPUT-NO-5XX', NO_SUCH_PART, 'edited_part_index 3 of a one-part message');
  if (res.status < 500) expect((res.json as { success?: unknown } | undefined)?.success, 'the error envelope').toBe(false);
})));

// /api/messages/edit: an outbound message can be edited within 15 minutes of its send, so 14
// minutes after it the edit still succeeds.
test('an edit 14 minutes after the send succeeds', req('EDIT-OUTBOUND'), async ({ chert, settings }, testInfo) => repeatOnLostConnection(async () => {
  skipUnlessBuiltinMock(settings, testInfo, 'only its clock can be moved 14 minutes on');
  const { id, messageId } = await lifeChat(chert, settings, testInfo, 1);
  await mockControl(chert, 'clock', { chat_id: id, seconds: 14 * 60 });
  // Only the built-in mock runs this, and it refuses no edit downstream by chance: a 502 / 4001 here
  // is the window closing early, judged. A line not pinned yet (4099) says nothing of the window.
  const res = await chert.edit(messageId, { new_text: 'Still in time' });
  if (unjudgedAnswer(res)?.choice === 'line-ready-after-create') skipIfUnjudged(testInfo, res, 'the edit');
  const body = expectSuccess<Schemas['EditMessageResponse']>(res, 'EditMessageResponse');
  expect(body).toMatchObject({ status: 'edited', new_text: 'Still in time' });
}));

// The edit page says 4001; the errors catalog gives the same case as its example of 4099.
test('an edit 15 minutes and a second after the send returns 502 / 4001 or 4099', req('EDIT-WINDOW', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  skipUnlessBuiltinMock(settings, testInfo, 'only its clock can be moved past the 15-minute window');
  const { id, messageId } = await lifeChat(chert, settings, testInfo, 1);
  await mockControl(chert, 'clock', { chat_id: id, seconds: 15 * 60 + 1 });
  // The first answer is the one judged: retrying a closed window (1.5 s of back-off) changes nothing.
  expectAnswer(await chert.edit(messageId, { new_text: 'Too late' }, { noRetry: true }), 'EDIT-WINDOW', EDIT_WINDOW_CLOSED);
})));

test('an edit of an inbound message is refused', req('EDIT-INBOUND', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  skipUnlessBuiltinMock(settings, testInfo, 'only it can make a recipient write to the line');
  const { id } = await lifeChat(chert, settings, testInfo, 1);
  const { message } = (await mockControl(chert, 'inbound', { chat_id: id, text: 'Hi back' })) as { message: { id: string } };
  chert.knownMessageIds.add(message.id);
  const res = await chert.edit(message.id, { new_text: 'Not mine to edit' });
  const code = (res.json as { error?: { code?: number } } | undefined)?.error?.code;
  const refused = (res.status >= 400 && res.status < 500) || (res.status === 502 && code === 4001);
  expect(refused, `expected a 4xx or 502 / 4001\n  received HTTP ${res.status}: ${res.text.slice(0, 200)}`).toBe(true);
})));
