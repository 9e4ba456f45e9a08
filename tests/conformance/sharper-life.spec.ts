// Checks that generated mutants of the mock's chat-life routes showed missing (npm run
// mutation:generated): each follows from the contract, not from the mock, and passes on
// tests/e2e/independent-server too.
import { randomUUID } from 'node:crypto';
import { expect, req, repeatedAfterLostConnection, test } from '../fixtures/index.ts';
import { createBody } from '../fixtures/bodies.ts';
import { fictionalEmail } from '../../src/domain/emails.ts';
import { expectSuccess, lifeChat } from './lifecycle-kit.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

type Schemas = components['schemas'];

// The rename page takes `group_chat_icon` (an https URL) beside the name, returns it in the chat,
// and the last write wins. (Mutants: every icon refused as not https; the icon never stored.)
test('a rename with an https group_chat_icon returns that icon, and the last of two icons wins', req('RENAME-GROUP'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  for (const icon of ['https://example.com/chert-icon-first.png', 'https://example.com/chert-icon-second.png']) {
    const body = expectSuccess<Schemas['UpdateChatResponse']>(await chert.updateChat(id, { display_name: 'Icon crew', group_chat_icon: icon }), 'UpdateChatResponse');
    expect(body.chat, `after setting ${icon}`).toMatchObject({ id, display_name: 'Icon crew', group_chat_icon: icon, is_group: true });
  }
});

// An email added to a group is a member like a number, so removing it (by the address the add
// returned, URL-encoded) succeeds; 4 numbers plus the email keep 3 after the removal whether or
// not the line counts. (Mutant: the roster compared upper case against lower case, so an address
// with letters matched no one.)
// A participant removal cannot be resent after a lost connection: repeated instead.
repeatedAfterLostConnection(() => {
  test('an email added to a group can be removed again, and leaves the roster', req('PARTICIPANT-REMOVE'), async ({ chert, settings }, testInfo) => {
    const { id } = await lifeChat(chert, settings, testInfo, 4);
    const added = expectSuccess<Schemas['AddParticipantResponse']>(await chert.addParticipant(id, { address: fictionalEmail(randomUUID().slice(0, 8)) }), 'AddParticipantResponse').added;
    const body = expectSuccess<Schemas['RemoveParticipantResponse']>(await chert.removeParticipant(id, added), 'RemoveParticipantResponse');
    expect(body).toMatchObject({ chat_id: id, removed: added });
    expect(body.participants.map((a) => a.toLowerCase()), 'the roster, lowercased').not.toContain(added.toLowerCase());
  });
});

// The history holds the 200 most recent messages; one that holds every message sent (fewer than
// 200) has nothing more to page to. Replies from people (inbound) are not the run's to predict, so
// only outbound messages are compared. (Mutant: has_more true whenever the page held everything.)
test('the history of a new group holds its one message with has_more false', req('HISTORY-LIST'), async ({ chert, settings, sendTo }) => {
  const created = await chert.create(createBody(settings.tenant.from, sendTo(2, 1), { subject: 'has_more' }));
  expect(created.status, created.text.slice(0, 200)).toBeLessThan(300);
  const { chat, message } = created.json as Schemas['CreateChatResponse'];
  const history = await chert.history(chat.id);
  expect(history).toBeAccepted();
  const body = history.json as Schemas['MessageList'];
  expect(body.messages.filter((m) => m.direction !== 'inbound').map((m) => m.id), 'outbound messages of a group with only its first message').toEqual([message.id]);
  expect(body.messages.length, 'messages listed').toBeLessThan(200);
  expect(body.has_more, 'has_more of a history that holds every message sent').toBe(false);
});
