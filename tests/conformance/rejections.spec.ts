// Each documented rejection, one test per case of the table in error-cases.ts: a rejection acts on
// nothing, and every body goes to fictional numbers.
import type { ChertClient } from '../../src/client/chert-client.ts';
import type { Settings } from '../../src/config/settings.ts';
import { expect, req, test } from '../fixtures/index.ts';
import { ERROR_CASES, UNKNOWN_CHAT, type ErrorCase } from './error-cases.ts';
import { createBody, fictionalTo, media, text, uniqueText } from '../fixtures/bodies.ts';

async function send({ call }: ErrorCase, { chert, settings }: { chert: ChertClient; settings: Settings }) {
  chert.fabricatedChatIds.add(UNKNOWN_CHAT);
  return { res: await chert.send(call(settings)) };
}

for (const errorCase of ERROR_CASES) {
  const { title, requirement, status, code, retryable } = errorCase;
  test(title, req(requirement), async ({ chert, settings }) => {
    const { res } = await send(errorCase, { chert, settings });
    expect(res).toBeChertError(status, code);
    if (retryable !== undefined) expect((res.json as { error?: { retryable?: unknown } }).error?.retryable, 'error.retryable').toBe(retryable);
  });
}

test('a group first message with media is rejected, never created', req('CHAT-GROUP-MEDIA-FIRST'), async ({ chert, settings }) => {
  // 501 / 4099 is the documented answer, but this attachment id names no upload, and a server may
  // refuse it as such first: 501 / 4099 or any 4xx passes here; the exact code is judged with rich links.
  const res = await chert.create(createBody(settings.tenant.from, fictionalTo(2), { parts: [text(uniqueText()), media()] }));
  if (res.status !== 501) expect(res).toBeRejected();
  else expect(res).toBeChertError(501, 4099);
});
