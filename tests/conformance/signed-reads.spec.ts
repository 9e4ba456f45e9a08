// Authentication of a read (/api/authentication): a GET is signed like any other request, over
// "<ts>." (its empty body), and the same clock window and tenants apply. Sent to a chat id no
// server issues, so a request that passes authentication reaches the history route and is
// answered 404 / 2002; nothing is read or sent, so the safe profile sends these too.
import { expect, req, test } from '../fixtures/index.ts';
import { UNKNOWN_CHAT } from './error-cases.ts';

/** Resolves at the start of a wall-clock second, so a request sent now is read within that second. */
async function startOfSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
}

// A timestamp more than 300 s off is rejected on every request. (Mutant: every GET skipped the clock check.)
for (const skew of [-400, 400]) {
  test(`a GET signed ${Math.abs(skew)} s ${skew < 0 ? 'ago' : 'ahead'} returns 401 with code 2013`, req('AUTH-HMAC-SKEW-REJECTED'), async ({ chert }) => {
    chert.fabricatedChatIds.add(UNKNOWN_CHAT);
    expect(await chert.history(UNKNOWN_CHAT, { auth: { mode: 'hmac', skewSeconds: skew } })).toBeChertError(401, 2013);
  });
}

// Only "more than 300 s" is rejected, so a timestamp 300 s ahead passes. Ahead, not behind: the
// server's clock only moves on, so its reading of the skew can only shrink. Sent at the start of
// a second, the server most likely reads exactly 300. (Mutant: 300 s off rejected as stale.)
test('a GET signed exactly 300 s ahead is accepted', req('AUTH-HMAC-SKEW-ACCEPTED'), async ({ chert }) => {
  chert.fabricatedChatIds.add(UNKNOWN_CHAT);
  await startOfSecond();
  expect(await chert.history(UNKNOWN_CHAT, { auth: { mode: 'hmac', skewSeconds: 300 } })).toBeChertError(404, 2002);
});

// The token is the tenant's secret and x-chert-tenant, when sent, names that tenant; the second
// tenant is as valid as the first. (Mutant: a named tenant always looked up as the first tenant.)
test("the second tenant's bearer token with its own x-chert-tenant authenticates a GET", req('AUTH-BEARER-VALID'), async ({ chert, tenantB }) => {
  chert.fabricatedChatIds.add(UNKNOWN_CHAT);
  const res = await chert.history(UNKNOWN_CHAT, { auth: { mode: 'bearer', tenant: tenantB, tenantHeader: tenantB.slug } });
  expect(res).toBeChertError(404, 2002);
});
