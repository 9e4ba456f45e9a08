// Typing, mark-read, and the rules every route after creation shares: an unknown or another
// tenant's chat (2002), and 4099 with its status (https://docs.trychert.com/api/chats/typing,
// /api/chats/mark-read, /api/errors). Judged on 1:1 chats: whether typing and read receipts work
// in groups is open (typing-in-groups, mark-read-in-groups).
import { EACH_AUTH, eachAuthMode, eachCase, expect, repeatOnLostConnection, req, reqOn, test } from '../fixtures/index.ts';
import type { Auth, ChertClient, ChertResponse } from '../../src/client/chert-client.ts';
import { noPinnedLine } from '../../src/checks/life.ts';
import { expectAnswer, judgedSuccess, lifeChat, mockControl, newcomer, skipIfUnjudged, skipUnlessBuiltinMock } from './lifecycle-kit.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

type Schemas = components['schemas'];

// The typing and mark-read pages show the create's UUID in `chat_id`: the id echoed as given.
test('typing "typing" and "stopped" each return status sent with the chat id and the state', req('TYPING-SEND', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachCase((['typing', 'stopped'] as const).map((state) => ({
  label: `typing "${state}"`,
  run: () => eachAuthMode(signed, async (chert) => {
    const { id } = await lifeChat(chert, settings, testInfo, 1);
    const body = judgedSuccess<Schemas['TypingResponse']>(testInfo, await chert.typing(id, { state }), 'TypingResponse', `typing "${state}"`);
    expect(body, `typing "${state}"`).toMatchObject({ status: 'sent', chat_id: id, state });
  }),
})))));

// A SHOULD: the page requires `state` and names two values but no error (typing-invalid-state).
test('typing with an unknown state, or none, is refused with a 4xx', req('TYPING-STATE-INVALID', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id } = await lifeChat(chert, settings, testInfo, 1);
  for (const [label, body] of [['an unknown state', { state: 'dancing' }], ['no state', {}]] as const) {
    const res = await chert.typing(id, body);
    skipIfUnjudged(testInfo, res, `typing with ${label}`);
    expect.soft(res.status >= 400 && res.status < 500, `typing with ${label}: expected a 4xx\n  received HTTP ${res.status}: ${res.text.slice(0, 200)}`).toBe(true);
  }
})));

test('mark-read returns status read, and marking the chat read again is a no-op success', req('MARK-READ', EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  const { id } = await lifeChat(chert, settings, testInfo, 1);
  for (const attempt of ['first', 'second']) {
    const body = judgedSuccess<Schemas['MarkReadResponse']>(testInfo, await chert.markRead(id), 'MarkReadResponse', `the ${attempt} mark-read`);
    expect(body, `${attempt} mark-read`).toEqual(expect.objectContaining({ chat_id: id, status: 'read' }));
  }
})));

/** Each chat route with a body it would accept, so only the chat can be what is wrong. */
const CHAT_ROUTES: [string, (chert: ChertClient, id: string, auth?: Auth) => Promise<ChertResponse>][] = [
  ['typing', (c, id, auth) => c.typing(id, { state: 'typing' }, { auth })],
  ['mark-read', (c, id, auth) => c.markRead(id, { auth })],
  ['rename', (c, id, auth) => c.updateChat(id, { display_name: 'Renamed' }, { auth })],
  ['add participant', (c, id, auth) => c.addParticipant(id, { address: newcomer([]) }, { auth })],
  ['remove participant', (c, id, auth) => c.removeParticipant(id, newcomer([]), { auth })],
  ['leave', (c, id, auth) => c.leave(id, { auth })],
];

/** The operation each route is (the coverage of the requirement's domain). */
const ROUTE_OPERATIONS: Record<string, string> = { typing: 'sendTyping', 'mark-read': 'markRead', rename: 'updateChat', 'add participant': 'addParticipant', 'remove participant': 'removeParticipant', leave: 'leaveChat' };

const ALL_CHAT_ROUTE_OPERATIONS = CHAT_ROUTES.map(([route]) => ROUTE_OPERATIONS[route] ?? route);

// Rejected before any effect, so the safe profile sends it too.
test('an unknown chat id returns 404 with code 2002 on every chat route', reqOn('LIFECYCLE-CHAT-NOT-FOUND', ALL_CHAT_ROUTE_OPERATIONS, EACH_AUTH), async ({ chert: signed }) => repeatOnLostConnection(async () => eachCase(CHAT_ROUTES.map(([route, call]) => ({
  label: route,
  operation: ROUTE_OPERATIONS[route] ?? route,
  run: () => eachAuthMode(signed, async (chert) => {
    expect(await call(chert, chert.unknownChatId()), `${route}, an unknown chat id`).toBeChertError(404, 2002);
  }),
})))));

test('another tenant\'s chat returns 404 with code 2002 on every chat route', reqOn('LIFECYCLE-CHAT-NOT-FOUND', ALL_CHAT_ROUTE_OPERATIONS, EACH_AUTH), async ({ chert: signed, settings, tenantB }, testInfo) => repeatOnLostConnection(async () => eachCase(CHAT_ROUTES.map(([route, call]) => ({
  label: route,
  operation: ROUTE_OPERATIONS[route] ?? route,
  run: () => eachAuthMode(signed, async (chert) => {
    const { id } = await lifeChat(chert, settings, testInfo, 4);
    expect(await call(chert, id, chert.auth(tenantB)), `${route}, another tenant's chat`).toBeChertError(404, 2002);
  }),
})))));

/** The operations withoutPinnedLine asks. */
const PINNED_LINE_OPERATIONS = ['addParticipant', 'removeParticipant', 'updateChat', 'markRead', 'leaveChat', 'editMessage'];

/** The routes whose pages name 4099, each with a request it would otherwise take, and the page's status. */
async function withoutPinnedLine(chert: ChertClient, id: string, to: string[], messageId: string): Promise<[string, ChertResponse, 422 | 501][]> {
  await mockControl(chert, 'unpin-line', { chat_id: id });
  return [
    ['add participant', await chert.addParticipant(id, { address: newcomer(to) }), 422],
    ['remove participant', await chert.removeParticipant(id, to[0] as string), 422],
    ['rename', await chert.updateChat(id, { display_name: 'Renamed' }), 501],
    ['mark-read', await chert.markRead(id), 501],
    ['leave', await chert.leave(id), 501],
    ['edit', await chert.edit(messageId, { new_text: 'edited' }), 501],
  ];
}

test('without a pinned line each route answers 4099, with the catalog\'s 422 or its page\'s status', reqOn('LIFECYCLE-4099-STATUS', PINNED_LINE_OPERATIONS, EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  skipUnlessBuiltinMock(settings, testInfo, 'only its test controls can take a chat\'s pinned line away');
  const { id, to, messageId } = await lifeChat(chert, settings, testInfo, 4);
  for (const [route, res, page] of await withoutPinnedLine(chert, id, to, messageId)) expectAnswer(res, 'LIFECYCLE-4099-STATUS', noPinnedLine(page), route, true);
})));

test('4099 comes with each route page\'s status: 422 on the participant routes, 501 on the others', reqOn('LIFECYCLE-4099-PAGE-STATUS', PINNED_LINE_OPERATIONS, EACH_AUTH), async ({ chert: signed, settings }, testInfo) => repeatOnLostConnection(async () => eachAuthMode(signed, async (chert) => {
  skipUnlessBuiltinMock(settings, testInfo, 'only its test controls can take a chat\'s pinned line away');
  const { id, to, messageId } = await lifeChat(chert, settings, testInfo, 4);
  for (const [route, res, page] of await withoutPinnedLine(chert, id, to, messageId)) expect.soft(res, route).toBeChertError(page, 4099);
})));
