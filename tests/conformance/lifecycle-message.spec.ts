// The routes that take a message id: reactions and edits (https://docs.trychert.com/api/messages/
// react, /api/messages/edit). The 15-minute window and inbound messages need the built-in mock's
// test controls (a clock the suite can move, a message the suite can receive).
import { expect, req, RETRIES_AFTER_LOST_CONNECTION, test } from '../fixtures/index.ts';
import { expectSuccess, lifeChat, mockControl, skipUnlessBuiltinMock } from './lifecycle-kit.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

// Its reactions and edits cannot be resent after a lost connection: such a test is repeated instead.
test.describe.configure({ retries: RETRIES_AFTER_LOST_CONNECTION });

type Schemas = components['schemas'];

const REACTIONS = ['love', 'like', 'dislike', 'laugh', 'emphasize', 'question', 'love'] as const;

// --- react -----------------------------------------------------------------------------------

test('every documented reaction is sent, and a repeated one is sent again', req('REACT-SEND'), async ({ chert, settings }, testInfo) => {
  const { messageId } = await lifeChat(chert, settings, testInfo, 1);
  for (const reaction of REACTIONS) {
    const body = expectSuccess<Schemas['ReactResponse']>(await chert.react(messageId, { reaction }), 'ReactResponse');
    expect(body, reaction).toMatchObject({ status: 'sent', message_id: messageId, reaction });
  }
});

test('an undocumented reaction returns 400 with code 1002', req('REACT-INVALID'), async ({ chert, settings }, testInfo) => {
  const { messageId } = await lifeChat(chert, settings, testInfo, 1);
  expect(await chert.react(messageId, { reaction: 'wow' })).toBeChertError(400, 1002);
});

// --- react and edit: whose message -----------------------------------------------------------

const ACTIONS = {
  react: { requirement: 'REACT-MESSAGE-NOT-FOUND', body: { reaction: 'like' } },
  edit: { requirement: 'EDIT-MESSAGE-NOT-FOUND', body: { new_text: 'edited' } },
} as const;

for (const [action, { requirement, body }] of Object.entries(ACTIONS) as [keyof typeof ACTIONS, (typeof ACTIONS)[keyof typeof ACTIONS]][]) {
  const send = (chert: Parameters<typeof lifeChat>[0], id: string, auth?: ReturnType<typeof chert.auth>) =>
    action === 'react' ? chert.react(id, body, { auth }) : chert.edit(id, body, { auth });

  // Rejected before any effect, so the safe profile sends it too.
  test(`${action} on an unknown message id returns 404 with code 2003`, req(requirement), async ({ chert }) => {
    expect(await send(chert, chert.unknownMessageId())).toBeChertError(404, 2003);
  });

  test(`${action} with a chat id in place of the message id returns 404 with code 2003`, req(requirement), async ({ chert, settings }, testInfo) => {
    const { id } = await lifeChat(chert, settings, testInfo, 1);
    chert.fabricatedMessageIds.add(id); // names no message: the documented pitfall, let through the guard
    expect(await send(chert, id)).toBeChertError(404, 2003);
  });

  test(`${action} on another tenant's message returns 404 with code 2003`, req(requirement), async ({ chert, settings, tenantB }, testInfo) => {
    const { messageId } = await lifeChat(chert, settings, testInfo, 1);
    expect(await send(chert, messageId, chert.auth(tenantB))).toBeChertError(404, 2003);
  });
}

// --- edit ------------------------------------------------------------------------------------

test('an edit within the window returns status edited with the new text', req('EDIT-OUTBOUND'), async ({ chert, settings }, testInfo) => {
  const { messageId } = await lifeChat(chert, settings, testInfo, 1);
  const body = expectSuccess<Schemas['EditMessageResponse']>(await chert.edit(messageId, { new_text: 'Updated copy' }), 'EditMessageResponse');
  expect(body).toMatchObject({ status: 'edited', message_id: messageId, new_text: 'Updated copy' });
});

for (const [label, body] of [['an empty new_text', { new_text: '' }], ['no new_text', {}]] as const) {
  test(`an edit with ${label} returns 400 with code 1002`, req('EDIT-EMPTY'), async ({ chert, settings }, testInfo) => {
    const { messageId } = await lifeChat(chert, settings, testInfo, 1);
    expect(await chert.edit(messageId, body)).toBeChertError(400, 1002);
  });
}

test('an edit 15 minutes and a second after the send returns 502 with code 4001', req('EDIT-WINDOW'), async ({ chert, settings }, testInfo) => {
  skipUnlessBuiltinMock(settings, testInfo, 'only its clock can be moved past the 15-minute window');
  const { id, messageId } = await lifeChat(chert, settings, testInfo, 1);
  await mockControl(chert, 'clock', { chat_id: id, seconds: 15 * 60 + 1 });
  // The first answer is the one judged: retrying a closed window (1.5 s of back-off) changes nothing.
  expect(await chert.edit(messageId, { new_text: 'Too late' }, { noRetry: true })).toBeChertError(502, 4001);
});

test('an edit of an inbound message is refused', req('EDIT-INBOUND'), async ({ chert, settings }, testInfo) => {
  skipUnlessBuiltinMock(settings, testInfo, 'only it can make a recipient write to the line');
  const { id } = await lifeChat(chert, settings, testInfo, 1);
  const { message } = (await mockControl(chert, 'inbound', { chat_id: id, text: 'Hi back' })) as { message: { id: string } };
  chert.knownMessageIds.add(message.id);
  const res = await chert.edit(message.id, { new_text: 'Not mine to edit' });
  const code = (res.json as { error?: { code?: number } } | undefined)?.error?.code;
  const refused = (res.status >= 400 && res.status < 500) || (res.status === 502 && code === 4001);
  expect(refused, `expected a 4xx or 502 / 4001\n  received HTTP ${res.status}: ${res.text.slice(0, 200)}`).toBe(true);
});
