// Checks that generated mutants of the mock showed missing (npm run mutation:generated): each
// follows from the contract, not from the mock, and passes on tests/e2e/independent-server too.
import { expect, req, test } from '../fixtures/index.ts';
import { createBody, fictionalTo, text, uniqueText } from '../fixtures/bodies.ts';
import { judgedSuccess } from './lifecycle-kit.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

type Created = components['schemas']['CreateChatResponse'];
type Message = components['schemas']['Message'];

// `Authorization: Bearer <signing_secret>` is the whole header: the secret followed by more text
// is not the secret. (Mutant: the token pattern without its end anchor.)
test('a bearer header with text after the secret returns 401 with code 2004', req('AUTH-BEARER-INVALID'), async ({ chert, settings }) => {
  const res = await chert.create(createBody(settings.tenant.from, fictionalTo(1)), {
    auth: { mode: 'bearer' },
    tamper: (request) => ({ ...request, headers: { ...request.headers, authorization: `Bearer ${settings.tenant.secret} ${settings.tenant.secret}` } }),
  });
  expect(res.status, res.text.slice(0, 200)).toBe(401);
  expect((res.json as { error?: { code?: unknown } } | undefined)?.error?.code).toBe(2004);
});

// created_at is when the message was created: one created a second later is later, whatever the
// precision of the timestamps. (Mutant: a timestamp cache that stops refreshing.)
test('a follow-up sent a second after its create carries a later created_at than the chat', req('CHAT-TIMESTAMPS'), async ({ chert, settings, sendTo }, testInfo) => {
  const created = await chert.create(createBody(settings.tenant.from, sendTo(1, 2)));
  expect(created.status, created.text.slice(0, 200)).toBeLessThan(300);
  const { chat } = created.json as Created;
  await new Promise((resolve) => setTimeout(resolve, 1100));
  // Any 2xx with the documented body (success-status); refused downstream, it is unjudged.
  const res = await chert.followUp(chat.id, { message: { parts: [text(uniqueText('later'))] } });
  const { message } = judgedSuccess<{ message: Message }>(testInfo, res, 'SendMessageResponse', 'the follow-up', false);
  expect(Date.parse(message.created_at), `follow-up ${message.created_at} vs chat ${chat.created_at}`).toBeGreaterThan(Date.parse(chat.created_at));
});

// The spec gives message.parts minItems 1, so an empty list is rejected; whether as missing
// (1001) or as an invalid value (1002) the docs leave open. (Mutant: the empty-list check dropped,
// which created a chat with no message.)
test('a create with an empty message.parts returns 400 with code 1001 or 1002', req('CHAT-FIELDS-REQUIRED'), async ({ chert, settings }) => {
  const res = await chert.create(createBody(settings.tenant.from, fictionalTo(1), { parts: [] }));
  const code = (res.json as { error?: { code?: unknown } } | undefined)?.error?.code;
  expect(['400/1001', '400/1002'], `HTTP ${res.status}: ${res.text.slice(0, 200)}`).toContain(`${res.status}/${String(code)}`);
});
