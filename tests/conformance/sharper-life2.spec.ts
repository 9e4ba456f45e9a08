// More checks that generated mutants of the mock's authentication and chat-life routes showed
// missing (npm run mutation:generated): each follows from the contract, not from the mock, and
// passes on tests/e2e/independent-server too (or is skipped there, where only the mock's clock
// reaches it).
import { expect, req, RETRIES_AFTER_LOST_CONNECTION, test } from '../fixtures/index.ts';
import { media, text, uniqueText } from '../fixtures/bodies.ts';
import { UNKNOWN_CHAT } from './error-cases.ts';
import { expectAllSuccess, expectSuccess, lifeChat, mockControl, skipUnlessBuiltinMock } from './lifecycle-kit.ts';
import type { ChertResponse } from '../../src/client/chert-client.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

// Its edits, removals and key-less follow-ups cannot be resent after a lost connection: such a test is repeated instead.
test.describe.configure({ retries: RETRIES_AFTER_LOST_CONNECTION });

type Schemas = components['schemas'];

/** A refusal of bad input: a 4xx with the error envelope, never a 5xx nor a success. */
function expectClientError(res: ChertResponse, what: string): void {
  expect(res.status, `${what}: expected a 4xx\n  received HTTP ${res.status}: ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what}: expected a 4xx\n  received HTTP ${res.status}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
  expect((res.json as { success?: unknown } | undefined)?.success, `${what}: the error envelope`).toBe(false);
}

/** Resolves at the start of a wall-clock second, so a request sent now is read within that second. */
async function startOfSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
}

// /api/authentication: a timestamp more than 300 s off is rejected on every request, and a GET is
// signed like any other (over "<ts>."). (Mutant: every GET skipped the clock check.)
for (const skew of [-400, 400]) {
  test(`a GET signed ${Math.abs(skew)} s ${skew < 0 ? 'ago' : 'ahead'} returns 401 with code 2013`, req('AUTH-HMAC-SKEW-REJECTED'), async ({ chert }) => {
    chert.fabricatedChatIds.add(UNKNOWN_CHAT);
    expect(await chert.history(UNKNOWN_CHAT, { auth: { mode: 'hmac', skewSeconds: skew } })).toBeChertError(401, 2013);
  });
}

// Only "more than 300 s" is rejected, so a timestamp 300 s ahead passes. Ahead, not behind: the
// server's clock only moves on, so its reading of the skew can only shrink. Sent at the start of
// a second, the server most likely reads exactly 300. (Mutant: 300 s off rejected as stale.)
test('a signature exactly 300 s ahead is accepted', req('AUTH-HMAC-SKEW-ACCEPTED'), async ({ chert }) => {
  chert.fabricatedChatIds.add(UNKNOWN_CHAT);
  await startOfSecond();
  expect(await chert.history(UNKNOWN_CHAT, { auth: { mode: 'hmac', skewSeconds: 300 } })).toBeChertError(404, 2002);
});

// Bearer: the token is the tenant's secret and x-chert-tenant, when sent, names that tenant; the
// second tenant is as valid as the first. A request that passes authentication reaches the route,
// which answers 404 / 2002 for a chat that does not exist. (Mutant: a named tenant always looked
// up as the first tenant, so the second tenant's own token was refused.)
test("the second tenant's bearer token with its own x-chert-tenant authenticates", req('AUTH-BEARER-VALID'), async ({ chert, tenantB }) => {
  chert.fabricatedChatIds.add(UNKNOWN_CHAT);
  const res = await chert.history(UNKNOWN_CHAT, { auth: { mode: 'bearer', tenant: tenantB, tenantHeader: tenantB.slug } });
  expect(res).toBeChertError(404, 2002);
});

// /api/messages/edit: an outbound message can be edited within 15 minutes of its send, so 14
// minutes after it the edit still succeeds. (Mutant: a window of 250 ms, 15 / 60 s.)
test('an edit 14 minutes after the send succeeds', req('EDIT-OUTBOUND'), async ({ chert, settings }, testInfo) => {
  skipUnlessBuiltinMock(settings, testInfo, 'only its clock can be moved 14 minutes on');
  const { id, messageId } = await lifeChat(chert, settings, testInfo, 1);
  await mockControl(chert, 'clock', { chat_id: id, seconds: 14 * 60 });
  const body = expectSuccess<Schemas['EditMessageResponse']>(await chert.edit(messageId, { new_text: 'Still in time' }), 'EditMessageResponse');
  expect(body).toMatchObject({ status: 'edited', message_id: messageId, new_text: 'Still in time' });
});

// `edited_part_index` counts text parts: index 1 of [text, media, text] is the last part. The edit
// acts on the message whose id is in the path (here the chat's second message), changes that part
// alone, and the history shows it. (Mutants: the first message edited; the media part or every
// part replaced; the history left unchanged or losing the message.)
test('an edit of text part 1 of a follow-up changes that part alone, as the history shows', req('EDIT-OUTBOUND'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 1);
  const [first, second, edited] = [uniqueText('first'), uniqueText('second'), uniqueText('edited')];
  const sent = expectSuccess<Schemas['SendMessageResponse']>(await chert.followUp(id, { message: { parts: [text(first), media(), text(second)] } }), 'SendMessageResponse');
  const messageId = sent.message.id;
  chert.knownMessageIds.add(messageId);
  const body = expectSuccess<Schemas['EditMessageResponse']>(await chert.edit(messageId, { new_text: edited, edited_part_index: 1 }), 'EditMessageResponse');
  expect(body).toMatchObject({ status: 'edited', message_id: messageId, new_text: edited });
  const history = await chert.history(id);
  expect(history).toBeAccepted();
  const message = (history.json as Schemas['MessageList']).messages.find((m) => m.id === messageId);
  expect(message, 'the edited message in the history').toBeDefined();
  const parts = (message?.parts ?? []) as { type: string; value?: string }[];
  expect(parts.map((p) => p.type), 'part types after the edit').toEqual(['text', 'media', 'text']);
  expect(parts.map((p) => p.value), 'text values after the edit').toEqual([first, undefined, edited]);
});

// An index that names no text part cannot be edited: the edit page's 1002 (400) or another
// refusal, never a success or a 5xx. (Mutant: the missing part read anyway, a 500.)
test('an edit of a text part the message does not have is refused with a 4xx', req('CHAT-BAD-INPUT-NO-5XX'), async ({ chert, settings }, testInfo) => {
  const { messageId } = await lifeChat(chert, settings, testInfo, 1);
  expectClientError(await chert.edit(messageId, { new_text: 'No such part', edited_part_index: 3 }), 'edited_part_index 3 of a one-part message');
});

// A message sent without an idempotency key is a new message each time, even with the same text:
// the history holds both. `keyless`: the client otherwise gives each send a key of its own.
// (Mutant: keyless follow-ups deduplicated as if they shared a key.)
test('two identical follow-ups without a key are two messages in the history', req('HISTORY-LIST'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 1);
  const body = { message: { parts: [text(uniqueText('twice'))] } };
  const ids: string[] = [];
  for (let i = 0; i < 2; i += 1) ids.push(expectSuccess<Schemas['SendMessageResponse']>(await chert.followUp(id, body, { keyless: true }), 'SendMessageResponse').message.id);
  expect(ids[0], 'the two sends got two message ids').not.toBe(ids[1]);
  const history = await chert.history(id);
  expect(history).toBeAccepted();
  const listed = (history.json as Schemas['MessageList']).messages.map((m) => m.id);
  expect(listed, 'the history holds both sends').toEqual(expect.arrayContaining(ids));
});

// An address that is not a string is bad input: refused with a 4xx, not a crash. (Mutant: the
// type check dropped, so a number reached string methods and threw.)
test('adding a participant whose address is a number is refused with a 4xx', req('CHAT-BAD-INPUT-NO-5XX'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  expectClientError(await chert.addParticipant(id, { address: 14155550123 }), 'address 14155550123 (a number)');
});

// A path segment that is not valid percent-encoding names no participant: a 4xx, never a crash
// and never the removal of someone else. 4 numbers keep 3 after a removal whether or not the line
// counts. (Mutants: the undecodable address read as a string, a 500; or as roster index 1.)
test('removing a participant by an undecodable address is refused with a 4xx and removes no one', req('CHAT-BAD-INPUT-NO-5XX'), async ({ chert, settings }, testInfo) => {
  const { id, to } = await lifeChat(chert, settings, testInfo, 4);
  const res = await chert.send({ method: 'DELETE', path: `/api/v1/chats/${encodeURIComponent(id)}/participants/%ZZ` });
  expectClientError(res, 'DELETE …/participants/%ZZ');
  const roster = expectSuccess<Schemas['AddParticipantResponse']>(await chert.addParticipant(id, { address: to[0] }), 'AddParticipantResponse').participants;
  expect(roster, 'the roster after the refused removal').toEqual(expect.arrayContaining(to));
});

// /api/group-chats/rename: `display_name` and `group_chat_icon` are each optional, and each write
// changes only what it names. An icon alone keeps the name; a name alone keeps the icon.
// (Mutants: a missing display_name refused or erased; a missing icon erasing the stored one.)
test('a rename with only an icon keeps the name, and one with only a name keeps the icon', req('RENAME-GROUP'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  const icon = 'https://example.com/chert-icon-only.png';
  const named = expectSuccess<Schemas['UpdateChatResponse']>(await chert.updateChat(id, { display_name: 'Before icon' }), 'UpdateChatResponse');
  expect(named.chat.display_name).toBe('Before icon');
  const iconOnly = expectSuccess<Schemas['UpdateChatResponse']>(await chert.updateChat(id, { group_chat_icon: icon }), 'UpdateChatResponse');
  expect(iconOnly.chat, 'after an icon-only update').toMatchObject({ id, display_name: 'Before icon', group_chat_icon: icon });
  const nameOnly = expectSuccess<Schemas['UpdateChatResponse']>(await chert.updateChat(id, { display_name: 'After icon' }), 'UpdateChatResponse');
  expect(nameOnly.chat, 'after a name-only update').toMatchObject({ id, display_name: 'After icon', group_chat_icon: icon });
});

// The history lists the 200 most recent messages; a chat with 201 has more to page to. The first
// message, past those 200, is still the tenant's: an edit of it may succeed or be refused, but
// never crash. 201 real sends, so only on the built-in mock. (Mutants: has_more always false; a
// message the history no longer lists read anyway, a 500.)
test('a chat of 201 messages has has_more true, and an edit of its oldest does not crash', req('HISTORY-LIST'), async ({ chert, settings }, testInfo) => {
  skipUnlessBuiltinMock(settings, testInfo, 'it sends 201 messages, too many for a live tenant');
  const { id, messageId } = await lifeChat(chert, settings, testInfo, 1);
  // Side by side (the client's in-flight window bounds them): their order is not what is judged.
  const sent = await Promise.all(Array.from({ length: 200 }, (_, i) => chert.followUp(id, { message: { parts: [text(`message ${i}`)] } })));
  expectAllSuccess(sent, 'SendMessageResponse');
  const history = await chert.history(id);
  expect(history).toBeAccepted();
  const body = history.json as Schemas['MessageList'];
  expect(body.messages.length, 'messages listed').toBeLessThanOrEqual(200);
  expect(body.has_more, 'has_more of a chat with 201 messages').toBe(true);
  const edit = await chert.edit(messageId, { new_text: 'The oldest, edited' });
  expect(edit.status, `an edit of the oldest message: HTTP ${edit.status} ${edit.text.slice(0, 200)}`).toBeLessThan(500);
});

// `group_chat_icon` is an https URL, a string: the URL wrapped in an array is not one, and is
// refused like any invalid value (1002 on the rename page, or another 4xx). (Mutant: the type check
// dropped, so an array that stringifies to an https URL was accepted.)
test('a rename whose icon is an https URL inside an array is refused with a 4xx', req('CHAT-BAD-INPUT-NO-5XX'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  expectClientError(await chert.updateChat(id, { group_chat_icon: ['https://example.com/chert-icon.png'] }), 'group_chat_icon ["https://…"]');
});

// A rename body is a JSON object; the JSON literal `null` is valid JSON but no object, so it is bad
// input, refused with a 4xx and never a crash. (Mutant: the object check dropped, so reading a
// field of null threw, a 500.)
test('a rename whose body is the JSON null is refused with a 4xx', req('CHAT-BAD-INPUT-NO-5XX'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  expectClientError(await chert.updateChat(id, 'null'), 'a body of null');
});
