// The routes that follow creation (https://docs.trychert.com/api/chats/send-message, list-messages).
import { expect, req, test } from '../fixtures/index.ts';
import { createBody, richLink, text, uniqueKey, uniqueText } from '../fixtures/bodies.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

type Created = components['schemas']['CreateChatResponse'];
type Message = components['schemas']['Message'];

const texts = (messages: Message[]) => messages.flatMap((m) => m.parts.flatMap((p) => (p.type === 'text' ? [p.value] : [])));

// A rich link, not media: media needs an attachment uploaded first, which this suite cannot do.
test('a new group accepts a follow-up with a rich link whose chat_id is the group id', req('FOLLOWUP-SEND'), async ({ chert, settings, sendTo }) => {
  const created = await chert.create(createBody(settings.tenant.from, sendTo(2, 2), { subject: 'follow-up' }));
  expect(created.status).toBeLessThan(300);
  const chatId = (created.json as Created).chat.id;
  const res = await chert.followUp(chatId, { message: { parts: [richLink('https://example.com/after-create')] } });
  expect(res).toBeAccepted();
  expect((res.json as { message: Message }).message.chat_id).toBe(chatId);
});

test('a follow-up with top-level parts returns 400', req('FOLLOWUP-TOP-LEVEL-PARTS'), async ({ chert, settings, sendTo }) => {
  const created = await chert.create(createBody(settings.tenant.from, sendTo(1, 2)));
  expect(created.status).toBeLessThan(300);
  const res = await chert.followUp((created.json as Created).chat.id, { parts: [text(uniqueText())] });
  expect(res.status, res.text.slice(0, 200)).toBe(400);
});

// Four messages, one after another: a history in any other order (by a random id, say) shows
// here 23 times in 24, where two messages would show it only every other run. The safe profile,
// where each is a real iMessage, sends two.
test('the history lists the first message and its follow-ups, oldest first', req('HISTORY-LIST'), async ({ chert, settings, sendTo }) => {
  const labels = settings.profile === 'safe' ? ['first', 'second'] : ['first', 'second', 'third', 'fourth'];
  const sent = labels.map((label) => uniqueText(label));
  const [first, ...followUps] = sent as [string, ...string[]];
  const created = await chert.create(createBody(settings.tenant.from, sendTo(2, sent.length), { subject: 'history', parts: [text(first)] }));
  expect(created.status).toBeLessThan(300);
  const chatId = (created.json as Created).chat.id;
  for (const value of followUps) expect((await chert.followUp(chatId, { message: { parts: [text(value)] } })).status).toBeLessThan(300);
  const history = await chert.history(chatId);
  expect(history).toBeAccepted();
  const { messages } = history.json as { messages: Message[] };
  expect(texts(messages).filter((t) => sent.includes(t))).toEqual(sent);
  expect(messages.filter((m) => m.chat_id !== chatId), 'messages of other chats in this history').toEqual([]);
});

// The model test (tests/properties/chat-life.spec.ts) reaches this only when its random sequence
// happens to replay a keyed follow-up; this example makes the rule's proof certain on every run.
test('a follow-up replayed with its key returns the first message, and the history holds it once', req('CHAT-LIFE-CONSISTENT'), async ({ chert, settings, sendTo }) => {
  const created = await chert.create(createBody(settings.tenant.from, sendTo(2, 3), { subject: 'follow-up replay' }));
  expect(created.status).toBeLessThan(300);
  const chatId = (created.json as Created).chat.id;
  const value = uniqueText('follow-up once');
  const body = { message: { parts: [text(value)], idempotency_key: uniqueKey() } };
  const first = await chert.followUp(chatId, body);
  expect(first).toBeAccepted();
  const replay = await chert.followUp(chatId, body);
  expect(replay).toBeAccepted();
  const messageId = (res: typeof first) => (res.json as { message?: Message }).message?.id;
  expect(messageId(replay), 'message id of the replayed follow-up').toBe(messageId(first));
  const history = await chert.history(chatId);
  expect(history).toBeAccepted();
  expect(texts((history.json as { messages: Message[] }).messages).filter((t) => t === value), 'copies of the follow-up in the history').toHaveLength(1);
});

for (const route of ['follow-up', 'history'] as const) {
  test(`another tenant's chat returns 404 with code 2002 on the ${route} route`, req('CHAT-TENANT-ISOLATION'), async ({ chert, settings, tenantB, sendTo }) => {
    // A follow-up that wrongly got through would send a second message: budget for it.
    const created = await chert.create(createBody(settings.tenant.from, sendTo(1, route === 'history' ? 1 : 2)));
    expect(created.status).toBeLessThan(300);
    const chatId = (created.json as Created).chat.id;
    const auth = chert.auth(tenantB);
    const res = route === 'history'
      ? await chert.history(chatId, { auth })
      : await chert.followUp(chatId, { message: { parts: [text(uniqueText('intruder'))] } }, { auth });
    expect(res).toBeChertError(404, 2002);
  });
}
