// Checks that generated mutants of the mock's authentication and error metadata showed missing
// (npm run mutation:generated): each follows from the contract, not from the mock, and passes on
// tests/e2e/independent-server too (or is skipped there, where only the mock's controls reach it).
import { expect, req, test } from '../fixtures/index.ts';
import { ERROR_CASES, UNKNOWN_CHAT } from './error-cases.ts';
import { EDIT_WINDOW_CLOSED } from '../../src/checks/life.ts';
import { expectAnswer, lifeChat, mockControl, skipUnlessBuiltinMock } from './lifecycle-kit.ts';

type ErrorDetail = { code?: unknown; retryable?: unknown; retry_after?: unknown };

const errorOf = (json: unknown) => (json as { error?: ErrorDetail } | undefined)?.error;

/** RFC 9110 Retry-After: delay-seconds or an HTTP-date. */
const isRetryAfterValue = (value: string) => /^\d+$/.test(value) || !Number.isNaN(Date.parse(value));

// /api/errors: `retry_after` (whole seconds) is mirrored in the Retry-After header. A Retry-After
// on an error therefore names seconds (or, as HTTP allows, a date), and the body's retry_after
// when it has one; a header that names neither mirrors nothing. Whether a client error may carry
// one at all is not judged. (Mutant: every error sent `Retry-After: undefined`.)
test('a Retry-After header on any rejection is a valid delay that mirrors retry_after', req('ERR-RETRY-AFTER'), async ({ chert, settings }) => {
  chert.fabricatedChatIds.add(UNKNOWN_CHAT);
  const answers = await Promise.all(ERROR_CASES.map(async (c) => ({ title: c.title, res: await chert.send(c.call(settings)) })));
  const errors = answers.filter(({ res }) => res.status >= 400);
  expect(errors.length).toBeGreaterThan(0);
  for (const { title, res } of errors) {
    const header = res.headers['retry-after'];
    if (header === undefined) continue;
    expect.soft(isRetryAfterValue(header), `${title}: Retry-After "${header}" is neither seconds nor an HTTP-date`).toBe(true);
    const retryAfter = errorOf(res.json)?.retry_after;
    if (retryAfter !== undefined) expect.soft(header, `${title}: Retry-After mirrors retry_after`).toBe(String(retryAfter));
  }
});

// /api/errors marks 4001 (downstream delivery failed) retryable, and the edit page answers an
// edit past Apple's 15 minutes with 4001; the catalog gives the same case as its example of 4099
// (edit-window-code), and a route may override the catalog's `retryable` (retryable-route-override):
// whatever comes, `retryable` is a boolean. (The mutant that took 4001 out of isRetryable is now
// the edit-window-code=route-override reading, not a deviation.)
test('an edit past the 15-minute window answers 4001 or 4099 with a boolean retryable', req('ERR-RETRYABLE'), async ({ chert, settings }, testInfo) => {
  skipUnlessBuiltinMock(settings, testInfo, 'only its clock can be moved past the 15-minute window');
  const { id, messageId } = await lifeChat(chert, settings, testInfo, 1);
  await mockControl(chert, 'clock', { chat_id: id, seconds: 15 * 60 + 1 });
  // The first answer is the one judged: retrying a closed window (1.5 s of back-off) changes nothing.
  const res = await chert.edit(messageId, { new_text: 'Too late' }, { noRetry: true });
  expectAnswer(res, 'ERR-RETRYABLE', EDIT_WINDOW_CLOSED);
  expect(typeof errorOf(res.json)?.retryable, `retryable on HTTP ${res.status}`).toBe('boolean');
});
