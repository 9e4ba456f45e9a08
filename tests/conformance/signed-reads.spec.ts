// Authentication of a read (/api/authentication): a GET is signed like any other request, over
// "<ts>." (its empty body), and the same clock window and tenants apply. Sent to a chat id no
// server issues, so a request that passes authentication reaches the history route and is
// answered 404 / 2002; nothing is read or sent, so the safe profile sends these too.
import { eachCase, expect, req, test } from '../fixtures/index.ts';
import { UNKNOWN_CHAT } from './error-cases.ts';

// A timestamp more than 300 s off is rejected on every request, in the past and in the future,
// side by side. (Mutant: every GET skipped the clock check.)
test('a GET signed 400 s ago or 400 s ahead returns 401 with code 2013', req('AUTH-HMAC-SKEW-REJECTED'), async ({ chert }) => {
  chert.fabricatedChatIds.add(UNKNOWN_CHAT);
  await eachCase([-400, 400].map((skew) => {
    const label = `a GET signed ${Math.abs(skew)} s ${skew < 0 ? 'ago' : 'ahead'}`;
    return {
      label,
      run: async () => {
        expect(await chert.history(UNKNOWN_CHAT, { auth: { mode: 'hmac', skewSeconds: skew } }), label).toBeChertError(401, 2013);
      },
    };
  }));
});

// Only "more than 300 s" is rejected, so a timestamp 290 s ahead passes: close to the edge, yet
// 10 s inside it, since whether exactly 300 s passes is open (skew-boundary) and the target's clock
// may be a few seconds off ours. (Mutant: a window of 280 s.)
test('a GET signed 290 s ahead is accepted', req('AUTH-HMAC-SKEW-ACCEPTED'), async ({ chert }) => {
  chert.fabricatedChatIds.add(UNKNOWN_CHAT);
  expect(await chert.history(UNKNOWN_CHAT, { auth: { mode: 'hmac', skewSeconds: 290 } })).toBeChertError(404, 2002);
});

// The token is the tenant's secret and x-chert-tenant, when sent, names that tenant; the second
// tenant is as valid as the first. (Mutant: a named tenant always looked up as the first tenant.)
test("the second tenant's bearer token with its own x-chert-tenant authenticates a GET", req('AUTH-BEARER-VALID'), async ({ chert, tenantB }) => {
  chert.fabricatedChatIds.add(UNKNOWN_CHAT);
  const res = await chert.history(UNKNOWN_CHAT, { auth: { mode: 'bearer', tenant: tenantB, tenantHeader: tenantB.slug } });
  expect(res).toBeChertError(404, 2002);
});
