// Small, hand-made inputs for the report unit tests: a three-rule catalog and test evidence.
import type { Catalog } from '../../src/contract/requirements.ts';
import { collect } from '../../src/report/collect.ts';
import type { Expectation } from '../../src/report/expectations.ts';
import type { ConformanceReport, Exchange, RunMeta, TestEvidence, TestObservation, TestStatus } from '../../src/report/types.ts';

export const CATALOG: Catalog = {
  version: 1,
  areas: { route: 'Route and success body', auth: 'Authentication' },
  requirements: [
    { id: 'ROUTE-MUST', level: 'MUST', area: 'route', statement: 'A valid create returns `2xx`.', source: 'https://docs.trychert.com/api/chats/create' },
    { id: 'ROUTE-SHOULD', level: 'SHOULD', area: 'route', statement: '`chat.id` is a UUID.', source: 'https://docs.trychert.com/api/group-chats/create', note: 'Examples only.' },
    { id: 'AUTH-MUST', level: 'MUST', area: 'auth', statement: 'No credentials returns 401.', source: 'https://docs.trychert.com/api/authentication' },
    { id: 'AUTH-UNTESTABLE', level: 'MUST', area: 'auth', statement: 'Secrets rotate.', source: 'https://docs.trychert.com/api/authentication', untestable: 'rotation happens in the console' },
  ],
};

export const META: RunMeta = {
  target: 'built-in mock',
  profile: 'full',
  suiteVersion: '0.1.0',
  strict: false,
  startedAt: '2025-01-01T00:00:00.000Z',
  endedAt: '2025-01-01T00:00:05.000Z',
};

export function evidence(status: TestStatus, extra: Partial<TestEvidence> = {}): TestEvidence {
  const errors = status === 'failed' || status === 'inconclusive'
    ? [{ message: `Error: ${status === 'inconclusive' ? '[inconclusive] no answer' : 'expected 201'}`, excerpt: 'Error: …' }]
    : [];
  return {
    title: `a ${status} test`,
    location: 'tests/conformance/route.spec.ts:10',
    status,
    durationMs: 12,
    attempts: 1,
    errors,
    seeds: [],
    counterexamples: [],
    exchanges: [],
    ...extra,
  };
}

export function observed(id: string | string[], status: TestStatus, extra: Partial<TestEvidence> = {}): TestObservation {
  return { requirementIds: Array.isArray(id) ? id : [id], evidence: evidence(status, extra) };
}

/** The day the test runs are judged on, for expectations with an `until`. */
export const TODAY = '2025-01-01';

/** Every testable rule passes unless `tests` says otherwise for its id. */
export function report(tests: TestObservation[], options: { strict?: boolean; runErrors?: string[]; expectations?: Expectation[] } = {}): ConformanceReport {
  const expectations = options.expectations && { file: 'expectations.yaml', entries: options.expectations, today: TODAY };
  return collect({ catalog: CATALOG, tests, runErrors: options.runErrors ?? [], meta: { ...META, strict: options.strict ?? false }, ...(expectations ? { expectations } : {}) });
}

export const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';

export function hostileExchange(): Exchange {
  return {
    request: { method: 'POST', url: 'https://target.example/api/v1/chats', headers: { authorization: 'Bearer $CHERT_SIGNING_SECRET', 'x-chert-signature': 'v1,1700000000,<signature>' }, body: '{"to":[]}' },
    response: { status: 400, headers: { 'content-type': 'text/html', 'x-evil': '"><script>alert(3)</script>' }, body: HOSTILE },
    curl: "curl -sS -X POST 'https://target.example/api/v1/chats' -H \"Authorization: Bearer $CHERT_SIGNING_SECRET\"",
  };
}
