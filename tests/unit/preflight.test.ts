import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TENANT_HEADER } from '../../src/domain/hmac.ts';
import { mockTenantEnv, parseSettings, type Tenant } from '../../src/config/settings.ts';
import type { Transport, WireRequest, WireResponse } from '../../src/client/transport.ts';
import { preflight } from '../../src/run/preflight.ts';

const settings = parseSettings({ ...mockTenantEnv(), CHERT_BASE_URL: 'http://127.0.0.1:9' });
const [a, b] = [settings.tenant, settings.tenantB as Tenant];
const answer = (status: number, code: number): WireResponse => ({ status, headers: {}, text: JSON.stringify({ error: { code, status } }) });
const REFUSED_INPUT = answer(400, 1002);
const REJECTED = answer(401, 2004);

/** Which tenant a request speaks for: its tenant header (HMAC) or its bearer token. */
const tenantOf = (request: WireRequest): Tenant | undefined =>
  [a, b].find((t) => request.headers[TENANT_HEADER] === t.slug || request.headers.authorization === `Bearer ${t.secret}`);

/** Answers each tenant as given, only once both tenants have asked (so the test hangs unless they ask at once). */
function target(answers: Map<Tenant, WireResponse>): Transport {
  const asked = new Set<Tenant>();
  let release: () => void = () => {};
  const bothAsked = new Promise<void>((resolve) => (release = resolve));
  return async (request) => {
    const tenant = tenantOf(request) as Tenant;
    asked.add(tenant);
    if (asked.size === 2) release();
    await bothAsked;
    return answers.get(tenant) as WireResponse;
  };
}

test('both tenants are asked at once, and a target that accepts both passes', async () => {
  assert.deepEqual(await preflight(settings, target(new Map([[a, REFUSED_INPUT], [b, REFUSED_INPUT]]))), { ok: true });
});

test("when both tenants are rejected, the first tenant's settings are named", async () => {
  const result = await preflight(settings, target(new Map([[a, REJECTED], [b, REJECTED]])));
  assert.equal(result.ok, false);
  assert.match((result as { message: string }).message, /CHERT_SIGNING_SECRET and CHERT_TENANT\b/);
});

test('when only the second tenant is rejected, its _B settings are named', async () => {
  const result = await preflight(settings, target(new Map([[a, REFUSED_INPUT], [b, REJECTED]])));
  assert.equal(result.ok, false);
  assert.match((result as { message: string }).message, /CHERT_SIGNING_SECRET_B and CHERT_TENANT_B/);
});

/** A correct target that remembers signatures: per request (method, path, signature), or any second use at all. */
function remembering(scope: 'same-request' | 'any-request'): Transport {
  const seen = new Set<string>();
  return async (request) => {
    if (request.method !== 'GET') return REFUSED_INPUT;
    const key = `${scope === 'same-request' ? `${request.method} ${request.url} ` : ''}${request.headers['x-chert-signature']}`;
    if (seen.has(key)) return REJECTED;
    seen.add(key);
    return answer(404, 2002);
  };
}

test('a target that refuses a signature it saw on another request cannot be judged: one message naming signature-replay', async () => {
  const result = await preflight(settings, remembering('any-request'));
  assert.equal(result.ok, false);
  assert.match((result as { message: string }).message, /already seen on another request.*signature-replay/s);
});

test('a target that refuses only the same request signed twice is judged', async () => {
  assert.deepEqual(await preflight(settings, remembering('same-request')), { ok: true });
});
