// Each documented rejection of error-cases.ts: one test per requirement, its cases sent side by
// side and each judged on its own (expect.soft), against the set of answers the docs allow. Every
// body is rejected before delivery under every reading and goes to fictional numbers.
import { ANY_4XX, anyOf, describeExpected, rejectedWith } from '../../src/checks/expected.ts';
import { expect, repeatOnLostConnection, req, test } from '../fixtures/index.ts';
import { createBody, fictionalTo, media, text, uniqueText } from '../fixtures/bodies.ts';
import { ERROR_CASES, UNKNOWN_CHAT, type ErrorCase } from './error-cases.ts';

const byRequirement = new Map<string, ErrorCase[]>();
for (const c of ERROR_CASES) byRequirement.set(c.requirement, [...(byRequirement.get(c.requirement) ?? []), c]);

for (const [requirement, cases] of byRequirement) {
  // What is sent and what comes back, as the cases say it; the failures name every case.
  const named = cases.slice(0, 3).map((c) => c.title).join('; ');
  const title = cases.length <= 3 ? named : `${named}; … (${cases.length} cases)`;
  test(title, req(requirement), async ({ chert, settings }) => repeatOnLostConnection(async () => {
    chert.fabricatedChatIds.add(UNKNOWN_CHAT);
    const answers = await Promise.all(cases.map(async (c) => ({ c, res: await chert.send(c.call(settings)) })));
    for (const { c, res } of answers) {
      expect.soft(res, `${c.title} (${describeExpected(c.expected)})`).toAnswer(c.expected);
      if (c.retryable !== undefined) expect.soft((res.json as { error?: { retryable?: unknown } } | undefined)?.error?.retryable, `${c.title}: error.retryable`).toBe(c.retryable);
    }
  }));
}

test('a group first message with media is rejected, never created', req('CHAT-GROUP-MEDIA-FIRST'), async ({ chert, settings }) => repeatOnLostConnection(async () => {
  // 4099 is the documented answer, but this attachment id names no upload, and a server may refuse
  // it as such first: 4099 (501 or 422) or any 4xx passes here; the code is judged with rich links.
  const res = await chert.create(createBody(settings.tenant.from, fictionalTo(2), { parts: [text(uniqueText()), media()] }));
  expect(res).toAnswer(anyOf(ANY_4XX, rejectedWith([501, 422], 4099)));
}));
