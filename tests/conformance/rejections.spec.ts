// Each documented rejection, one test per case of the table in error-cases.ts.
import { expect, req, test } from '../fixtures/index.ts';
import { ERROR_CASES, UNKNOWN_CHAT } from './error-cases.ts';
import { createBody, fictionalTo, media, text, uniqueText } from '../fixtures/bodies.ts';

for (const { title, requirement, call, status, code, retryable } of ERROR_CASES) {
  test(title, req(requirement), async ({ chert, settings }) => {
    chert.fabricatedChatIds.add(UNKNOWN_CHAT);
    const res = await chert.send(call(settings));
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
