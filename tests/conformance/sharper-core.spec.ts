// Checks that generated mutants of the mock's core (router, pipeline, server, resources) showed
// missing (npm run mutation:generated): each follows from the contract, not from the mock, and
// passes on tests/e2e/independent-server too.
import { expect, req, test } from '../fixtures/index.ts';
import { createBody, text, uniqueText } from '../fixtures/bodies.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

type Created = components['schemas']['CreateChatResponse'];
type Message = components['schemas']['Message'];

/** More follow-ups than a pool of 256 ids holds, twice over, so any reuse of ids shows. */
const MANY_SENDS = 520;

// X-Trace-ID is on every response, and an error's trace_id equals it: the routes after creation
// too, success and error alike. An unknown chat id gets some error there (404 / 2002 by the
// general rule); whichever error, its trace id must match. (Mutant: the life routes' error bodies
// built with a trace id of their own.)
test('a typing request carries X-Trace-ID, and its error for an unknown chat repeats it in trace_id', req('ERR-TRACE-ID'), async ({ chert, settings, sendTo }) => {
  const created = await chert.create(createBody(settings.tenant.from, sendTo(2), { subject: 'trace ids' }));
  expect(created.status, created.text.slice(0, 200)).toBeLessThan(300);
  const { chat } = created.json as Created;
  const typing = await chert.typing(chat.id, { state: 'typing' });
  expect(typing.status, typing.text.slice(0, 200)).toBeLessThan(300);
  expect(typing.headers['x-trace-id'], 'X-Trace-ID on a typing success').toBeTruthy();
  const unknown = await chert.typing(chert.unknownChatId(), { state: 'typing' });
  expect(unknown.status, unknown.text.slice(0, 200)).toBeGreaterThanOrEqual(400);
  const header = unknown.headers['x-trace-id'];
  expect(header, 'X-Trace-ID on a typing error').toBeTruthy();
  expect((unknown.json as { trace_id?: unknown } | undefined)?.trace_id, 'trace_id of the error body').toBe(header);
});

// Each message a chat's history lists is its own: a message id names one message, never empty,
// never handed out twice. Sent more times than a batch of ids lasts, so a server that stops
// drawing fresh ids shows it. (Mutants: the pool of random id bytes never refilled, refilled with
// the same bytes, or read backwards.)
test(`${MANY_SENDS} follow-ups in one chat get ${MANY_SENDS} distinct non-empty message ids`, req('CHAT-LIFE-CONSISTENT'), async ({ chert, settings, sendTo }) => {
  test.setTimeout(120_000);
  const created = await chert.create(createBody(settings.tenant.from, sendTo(2, MANY_SENDS + 1), { subject: 'many ids' }));
  expect(created.status, created.text.slice(0, 200)).toBeLessThan(300);
  const { chat, message: first } = created.json as Created;
  const ids = new Set<string>([first.id]);
  for (let i = 0; i < MANY_SENDS; i++) {
    const res = await chert.followUp(chat.id, { message: { parts: [text(uniqueText(`id ${i}`))] } });
    expect(res.status, res.text.slice(0, 200)).toBeLessThan(300);
    const { id } = (res.json as { message: Message }).message;
    expect(typeof id === 'string' && id !== '', `follow-up ${i} has a non-empty id: ${JSON.stringify(id)}`).toBe(true);
    expect(ids.has(id), `follow-up ${i}'s id ${id} was already given to an earlier message`).toBe(false);
    ids.add(id);
  }
});
