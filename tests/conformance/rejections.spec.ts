// Each documented rejection of error-cases.ts: one test per requirement, its cases sent side by
// side and each judged on its own (eachCase), against the set of answers the docs allow. Every
// body is rejected before delivery under every reading and goes to fictional numbers.
import { ANY_4XX, anyOf, describeExpected, rejectedWith } from '../../src/checks/expected.ts';
import { EACH_AUTH, eachCase, expect, repeatOnLostConnection, reqOn, test } from '../fixtures/index.ts';
import { listOperations } from '../../src/contract/operations.ts';
import { matchOperation } from '../../src/checks/response-rules.ts';
import { loadSpec } from '../../src/contract/spec.ts';
import type { Settings } from '../../src/config/settings.ts';
import type { Call } from '../../src/client/chert-client.ts';
import { createBody, fictionalTo, media, text, uniqueText } from '../fixtures/bodies.ts';
import { ERROR_CASES, UNKNOWN_CHAT, type ErrorCase } from './error-cases.ts';

const OPERATIONS = listOperations(loadSpec());
/** What a case's call reads of the settings, to learn its method and path when the tests are declared. */
const PLACEHOLDER_SETTINGS = { tenant: { slug: 'placeholder', from: '+15555550100', secret: '0'.repeat(32) } } as Settings;

/**
 * A case of this file only, judged with its requirement's table cases: the envelope tests
 * (envelope.spec.ts) judge every table case as an error, and this one may rightly be refused
 * otherwise first.
 */
const MORE_CASES: ErrorCase[] = [
  // 4099 is the documented answer, but this attachment id names no upload, and a server may refuse
  // it as such first: 4099 (501 or 422) or any 4xx passes here; the code is judged with rich links.
  { title: 'a group first message with media is rejected, never created', requirement: 'CHAT-GROUP-MEDIA-FIRST', expected: anyOf(ANY_4XX, rejectedWith([501, 422], 4099)),
    call: (s) => ({ method: 'POST', path: '/api/v1/chats', body: createBody(s.tenant.from, fictionalTo(2), { parts: [text(uniqueText()), media()] }) }) },
];

const byRequirement = new Map<string, ErrorCase[]>();
for (const c of [...ERROR_CASES, ...MORE_CASES]) byRequirement.set(c.requirement, [...(byRequirement.get(c.requirement) ?? []), c]);

/** A title saying the rule over every case, where the first three case titles would not. */
const TITLES: Record<string, string> = {
  'CHAT-GROUP-MEDIA-FIRST': 'a group first message with a rich link (after a text, first, last in a 31-member group) returns 4099 (501 or 422), and one with media is rejected (4 cases)',
};

for (const [requirement, cases] of byRequirement) {
  // What is sent and what comes back, as the cases say it; the failures name every case.
  const named = cases.slice(0, 3).map((c) => c.title).join('; ');
  const title = TITLES[requirement] ?? (cases.length <= 3 ? named : `${named}; … (${cases.length} cases)`);
  // A case that leaves the credentials to the client is sent under each auth mode: a rule a server
  // checks on one auth path only shows on the other.
  const sample = cases.map((c) => c.call(PLACEHOLDER_SETTINGS));
  const modes = sample.some((call) => call.auth === undefined) ? [EACH_AUTH] : [];
  const operationOf = new Map(cases.map((c, i) => {
    const call = sample[i] as Call;
    return [c, matchOperation(call.method ?? 'GET', call.path, OPERATIONS)?.operationId ?? call.path];
  }));
  const ops = [...new Set(operationOf.values())];
  test(title, reqOn(requirement, ops, ...modes), async ({ chert, settings }) => repeatOnLostConnection(async () => {
    chert.fabricatedChatIds.add(UNKNOWN_CHAT);
    const sends = cases.flatMap((c) => {
      // Rejected before any effect under every reading, to fictional numbers or a made-up chat: a
      // repeat after a lost connection judges the same answer.
      const call = { ...c.call(settings), judgedAnyRepeat: true };
      if (call.auth !== undefined) return [{ c, call, how: '' }];
      return [{ c, call, how: '' }, { c, call: { ...c.call(settings), judgedAnyRepeat: true, auth: { mode: 'bearer' as const, tenant: settings.tenant } }, how: ' with a bearer token' }];
    });
    // Each case names its operation where the rule spans several (the report's operation × rule matrix).
    await eachCase(sends.map(({ c, call, how }) => ({
      label: `${c.title}${how}`,
      ...(ops.length > 1 ? { operation: operationOf.get(c) } : {}),
      run: async () => {
        const res = await chert.send(call);
        expect(res, `${c.title}${how} (${describeExpected(c.expected)})`).toAnswer(c.expected);
        if (c.retryable !== undefined) expect((res.json as { error?: { retryable?: unknown } } | undefined)?.error?.retryable, `${c.title}${how}: error.retryable`).toBe(c.retryable);
      },
    })));
  }));
}
