// Checks that generated mutants of the mock's core (router, pipeline, server, resources) showed
// missing (npm run mutation:generated): each follows from the contract, not from the mock, and
// passes on tests/e2e/independent-server too.
import { expect, req, test } from '../fixtures/index.ts';
import { createBody, fictionalTo } from '../fixtures/bodies.ts';
import type { components } from '../../schemas/chert-chats.d.ts';

type Created = components['schemas']['CreateChatResponse'];

// X-Trace-ID is on every response, and an error's trace_id equals it: the routes after creation
// too, success and error alike. An unknown chat id gets some error there (404 / 2002 by the
// general rule); whichever error, its trace id must match. (Mutant: the life routes' error bodies
// built with a trace id of their own.)
// The typing answer is judged whatever it is (typing in groups, a line not pinned yet, a refusal
// downstream are open choices); a real indicator is never sent in the safe profile.
test('a typing request carries X-Trace-ID, and its error for an unknown chat repeats it in trace_id', req('ERR-TRACE-ID'), async ({ chert, settings }) => {
  if (settings.profile === 'full') {
    const created = await chert.create(createBody(settings.tenant.from, fictionalTo(1)));
    expect(created.status, created.text.slice(0, 200)).toBeLessThan(300);
    const { chat } = created.json as Created;
    const typing = await chert.typing(chat.id, { state: 'typing' });
    expect(typing.headers['x-trace-id'], `X-Trace-ID on a typing answer (HTTP ${typing.status})`).toBeTruthy();
  }
  const unknown = await chert.typing(chert.unknownChatId(), { state: 'typing' });
  expect(unknown.status, unknown.text.slice(0, 200)).toBeGreaterThanOrEqual(400);
  const header = unknown.headers['x-trace-id'];
  expect(header, 'X-Trace-ID on a typing error').toBeTruthy();
  expect((unknown.json as { trace_id?: unknown } | undefined)?.trace_id, 'trace_id of the error body').toBe(header);
});
