// Requests beyond each operation's documented shape, generated (src/contract/generate/edge-cases.ts):
// methods its path does not list, unknown paths, query strings, malformed and over-long ids
// (EDGE-ROUTE); chunked, untyped and scalar bodies, an oversized header, duplicated credentials
// (EDGE-FRAMING); and, in the full profile only, whether an undocumented write method is refused
// (EDGE-METHOD-REFUSED, one test for every path). This file only loops: one test per operation and
// requirement, every case judged with expect.soft. A case that gets no answer within the bound
// fails, if the target answers a plain request right after it (edge-request.ts).
import { casesFor, edgeCases, edgeProblems, NO_OPERATION, type EdgeCase } from '../../src/contract/generate/edge-cases.ts';
import { requestSchemaOf } from '../../src/contract/operations.ts';
import type { Call, ChertClient } from '../../src/client/chert-client.ts';
import type { Settings } from '../../src/config/settings.ts';
import { req } from '../fixtures/index.ts';
import { controlAnswered, edgeBoundMs, edgeCall, fabricatedIds, groupOfFour, sendEdge, type Ids } from './edge-request.ts';
import { expect, generated, groupCases, operations, resourcesFor, spec, test, type CaseGroup } from './fixtures.ts';

const ALL = edgeCases(operations, (op) => requestSchemaOf(spec, op)?.required ?? []);

/** What a test's cases vary, for its title. */
function kinds(cases: readonly EdgeCase[]): string {
  const has = (p: (c: EdgeCase) => boolean) => cases.some(p);
  const words = [
    has((c) => c.requirement !== 'EDGE-FRAMING' && !c.request.suffix && !c.request.query && !c.request.param && c.operation !== NO_OPERATION) ? 'methods its path does not list' : '',
    has((c) => c.request.suffix !== undefined || c.operation === NO_OPERATION) ? 'unknown paths' : '',
    has((c) => c.request.query !== undefined) ? 'a query string' : '',
    has((c) => c.request.param !== undefined) ? 'malformed and over-long ids' : '',
    has((c) => c.request.chunked === true) ? 'chunked bodies' : '',
    has((c) => c.request.contentType !== undefined) ? 'other content types' : '',
    has((c) => c.request.body.kind === 'raw') ? 'JSON scalars as the body' : '',
    has((c) => c.request.header === 'oversized') ? 'an oversized header' : '',
    has((c) => c.request.header?.startsWith('duplicate') === true) ? 'duplicated credentials' : '',
  ].filter(Boolean);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1) as string}` : (words[0] ?? '');
}

const WANTS: Record<EdgeCase['requirement'], string> = {
  'EDGE-ROUTE': 'are answered in time, never with a 5xx, a refusal in the error envelope',
  'EDGE-FRAMING': 'get the plain answer or a 4xx refusal in time, never a 5xx',
  'EDGE-METHOD-REFUSED': 'are refused with a 4xx',
};

/** One group per operation and requirement; the undocumented writes of every path in one test. */
function groups(): CaseGroup<EdgeCase>[] {
  const refused = ALL.filter((c) => c.requirement === 'EDGE-METHOD-REFUSED').map((c) => ({ ...c, operation: NO_OPERATION }));
  return groupCases([...ALL.filter((c) => c.requirement !== 'EDGE-METHOD-REFUSED'), ...refused]);
}

function titleOf(group: CaseGroup<EdgeCase>): string {
  const what = group.requirement === 'EDGE-METHOD-REFUSED' ? 'write methods a documented path does not list' : kinds(group.cases);
  const where = group.operation === NO_OPERATION ? (group.requirement === 'EDGE-ROUTE' ? 'paths of no operation' : 'every path') : group.operation;
  return `${where}: ${what} (${group.cases.length} cases) ${WANTS[group.requirement as EdgeCase['requirement']]} @${group.requirement}`;
}

/** The run's own ids: the worker's chat for reads, a group of the test's own where a case writes to it. */
async function ownIds(cases: readonly EdgeCase[], chert: ChertClient, settings: Settings): Promise<Ids | { skip: string } | undefined> {
  if (!cases.some((c) => c.request.ids === 'own')) return undefined;
  const writes = cases.some((c) => c.request.ids === 'own' && !['GET', 'HEAD', 'OPTIONS'].includes(c.request.method) && c.request.param === undefined);
  if (writes) return groupOfFour(chert, settings);
  const resources = await resourcesFor({ chert, settings });
  return 'skip' in resources ? resources : resources.ids;
}

for (const group of groups()) {
  const details = group.operation === NO_OPERATION ? req(group.requirement, '@generated') : generated(group.requirement, group.operation);
  test(titleOf(group), details, async ({ chert, settings }) => {
    const cases = casesFor(group.cases, settings.profile);
    test.skip(cases.length === 0, `the ${settings.profile} profile sends none of these: they write to a chat the run created`);
    const own = await ownIds(cases, chert, settings);
    if (own !== undefined && 'skip' in own) test.skip(true, own.skip);
    const made = fabricatedIds(chert);
    const calls = cases.map((c) => edgeCall(c, settings, chert, made, own as Ids | undefined));
    const outcomes = await Promise.all(cases.map((c, i) => sendEdge(c, calls[i] as Call, chert)));
    const silent = outcomes.filter((o) => 'silent' in o);
    const control = silent.length > 0 ? await controlAnswered(chert, settings, made) : '';
    for (const [i, o] of outcomes.entries()) {
      const sent = calls[i] as Call;
      const what = `${o.c.operation === NO_OPERATION ? '' : `${o.c.operation}: `}${o.c.rule} (${sent.method} ${sent.path.length > 120 ? `${sent.path.slice(0, 120)}…` : sent.path})`;
      if ('silent' in o) {
        expect.soft(`no answer within ${edgeBoundMs(settings)} ms: ${o.silent}, while a plain request right after got ${control}`, what).toBe('an answer');
        continue;
      }
      const problems = edgeProblems(o.c.expected, { status: o.res.status, headers: o.res.headers, json: o.res.json });
      expect.soft(problems, `${what}\n  received HTTP ${o.res.status}: ${o.res.text.slice(0, 300)}`).toEqual([]);
    }
  });
}
