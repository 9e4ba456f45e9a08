// Each documented rejection, one test per case of the table in error-cases.ts.
import { expect, req, test } from '../fixtures/index.ts';
import { ERROR_CASES, UNKNOWN_CHAT } from './error-cases.ts';

for (const { title, requirement, call, status, code, retryable } of ERROR_CASES) {
  test(title, req(requirement), async ({ chert, settings }) => {
    chert.fabricatedChatIds.add(UNKNOWN_CHAT);
    const res = await chert.send(call(settings));
    expect(res).toBeChertError(status, code);
    if (retryable !== undefined) expect((res.json as { error?: { retryable?: unknown } }).error?.retryable, 'error.retryable').toBe(retryable);
  });
}
