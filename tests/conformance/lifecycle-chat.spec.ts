// Typing, mark-read, and the rules every route after creation shares: an unknown or another
// tenant's chat (2002), and 4099 with each route page's status
// (https://docs.trychert.com/api/chats/typing, /api/chats/mark-read, /api/errors).
import { expect, req, RETRIES_AFTER_LOST_CONNECTION, test } from '../fixtures/index.ts';
import type { Auth, ChertClient, ChertResponse } from '../../src/client/chert-client.ts';
import { expectSuccess, lifeChat, mockControl, newcomer, skipUnlessBuiltinMock } from './lifecycle-kit.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

// Its leaves and participant removals cannot be resent after a lost connection: such a test is repeated instead.
test.describe.configure({ retries: RETRIES_AFTER_LOST_CONNECTION });

type Schemas = components['schemas'];

for (const state of ['typing', 'stopped'] as const) {
  test(`typing "${state}" returns status sent with the chat id and the state`, req('TYPING-SEND'), async ({ chert, settings }, testInfo) => {
    const { id } = await lifeChat(chert, settings, testInfo, 1);
    const body = expectSuccess<Schemas['TypingResponse']>(await chert.typing(id, { state }), 'TypingResponse');
    expect(body).toMatchObject({ status: 'sent', chat_id: id, state });
  });
}

for (const [label, body] of [['an unknown state', { state: 'dancing' }], ['no state', {}]] as const) {
  test(`typing with ${label} returns 400`, req('TYPING-STATE-INVALID'), async ({ chert, settings }, testInfo) => {
    const { id } = await lifeChat(chert, settings, testInfo, 1);
    const res = await chert.typing(id, body);
    expect(res.status, res.text.slice(0, 200)).toBe(400);
  });
}

test('mark-read returns status read, and marking the chat read again is a no-op success', req('MARK-READ'), async ({ chert, settings }, testInfo) => {
  const { id } = await lifeChat(chert, settings, testInfo, 2);
  for (const attempt of ['first', 'second']) {
    const body = expectSuccess<Schemas['MarkReadResponse']>(await chert.markRead(id), 'MarkReadResponse');
    expect(body, `${attempt} mark-read`).toEqual(expect.objectContaining({ chat_id: id, status: 'read' }));
  }
});

/** Each chat route with a body it would accept, so only the chat can be what is wrong. */
const CHAT_ROUTES: [string, (chert: ChertClient, id: string, auth?: Auth) => Promise<ChertResponse>][] = [
  ['typing', (c, id, auth) => c.typing(id, { state: 'typing' }, { auth })],
  ['mark-read', (c, id, auth) => c.markRead(id, { auth })],
  ['rename', (c, id, auth) => c.updateChat(id, { display_name: 'Renamed' }, { auth })],
  ['add participant', (c, id, auth) => c.addParticipant(id, { address: newcomer([]) }, { auth })],
  ['remove participant', (c, id, auth) => c.removeParticipant(id, newcomer([]), { auth })],
  ['leave', (c, id, auth) => c.leave(id, { auth })],
];

for (const [route, call] of CHAT_ROUTES) {
  // Rejected before any effect, so the safe profile sends it too.
  test(`an unknown chat id returns 404 with code 2002 on ${route}`, req('LIFECYCLE-CHAT-NOT-FOUND'), async ({ chert }) => {
    expect(await call(chert, chert.unknownChatId())).toBeChertError(404, 2002);
  });

  test(`another tenant's chat returns 404 with code 2002 on ${route}`, req('LIFECYCLE-CHAT-NOT-FOUND'), async ({ chert, settings, tenantB }, testInfo) => {
    const { id } = await lifeChat(chert, settings, testInfo, 4);
    expect(await call(chert, id, chert.auth(tenantB))).toBeChertError(404, 2002);
  });
}

test('4099 comes with each route page\'s status: 422 on the participant routes, 501 on the others', req('LIFECYCLE-4099-STATUS'), async ({ chert, settings }, testInfo) => {
  skipUnlessBuiltinMock(settings, testInfo, 'only its test controls can take a chat\'s pinned line away');
  const { id, to, messageId } = await lifeChat(chert, settings, testInfo, 4);
  await mockControl(chert, 'unpin-line', { chat_id: id });
  const expected: [string, () => Promise<ChertResponse>, number][] = [
    ['add participant', () => chert.addParticipant(id, { address: newcomer(to) }), 422],
    ['remove participant', () => chert.removeParticipant(id, to[0] as string), 422],
    ['rename', () => chert.updateChat(id, { display_name: 'Renamed' }), 501],
    ['mark-read', () => chert.markRead(id), 501],
    ['leave', () => chert.leave(id), 501],
    ['edit', () => chert.edit(messageId, { new_text: 'edited' }), 501],
  ];
  for (const [route, call, status] of expected) expect.soft(await call(), route).toBeChertError(status, 4099);
});
