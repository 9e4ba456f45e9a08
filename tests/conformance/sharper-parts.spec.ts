// Checks on message parts that generated mutants of the mock showed worth a focused test
// (npm run mutation:generated): each follows from the contract, not from the mock, and passes on
// tests/e2e/independent-server too.
import { expect, req, test } from '../fixtures/index.ts';
import { createBody, fictionalTo, text, uniqueText } from '../fixtures/bodies.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

type Created = components['schemas']['CreateChatResponse'];

// The spec's TextPart gives `value` minLength 1, so an empty text is an invalid field value
// (400 / 1002), on the create and on the follow-up. Both are rejected by a correct server, so
// nothing is sent (the follow-up claims two sends in case a wrong one is not). (Mutant: the
// non-empty check reading `length >= 0`, which took an empty text as a message.)
test('a create whose only text part is empty returns 400 with code 1002', req('CHAT-FIELD-TYPES'), async ({ chert, settings }) => {
  const res = await chert.create(createBody(settings.tenant.from, fictionalTo(1), { parts: [text('')] }));
  expect(res).toBeChertError(400, 1002);
});

test('a follow-up whose only text part is empty returns 400 with code 1002', req('CHAT-FIELD-TYPES'), async ({ chert, settings, sendTo }) => {
  const created = await chert.create(createBody(settings.tenant.from, sendTo(1, 2), { parts: [text(uniqueText('before empty'))] }));
  expect(created.status, created.text.slice(0, 200)).toBeLessThan(300);
  const { chat } = created.json as Created;
  const res = await chert.followUp(chat.id, { message: { parts: [text('')] } });
  expect(res).toBeChertError(400, 1002);
});
