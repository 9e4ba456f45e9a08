// Requests beyond each operation's documented shape, generated (src/contract/generate/edge-cases.ts):
// methods its path does not list, unknown paths, query strings, malformed and over-long ids
// (EDGE-ROUTE); chunked, untyped and scalar bodies, an oversized header, duplicated credentials
// (EDGE-FRAMING); and, in the full profile only, whether an undocumented write method is refused
// (EDGE-METHOD-REFUSED, every path). This file only loops: one test per requirement, its cases
// sent to every operation side by side, each operation's outcome a cell of the report's matrix
// (`*`: the paths of no operation, or every path). A case that gets no answer within the bound
// fails, if the target answers a plain request right after it (edge-request.ts).
import { casesFor, edgeCases, edgeProblems, NO_OPERATION, type EdgeCase } from '../../src/contract/generate/edge-cases.ts';
import { requestSchemaOf } from '../../src/contract/operations.ts';
import type { Call, ChertClient } from '../../src/client/chert-client.ts';
import type { Settings } from '../../src/config/settings.ts';
import { controlAnswered, edgeBoundMs, edgeCall, fabricatedIds, groupOfFour, sendEdge, type Ids } from './edge-request.ts';
import { generated, groupByRequirement, judgeEveryOperation, operations, spec, test, type CaseGroup, type OperationFindings, type RunResources } from './fixtures.ts';

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

/** The undocumented writes of every path count as one cell, `*`. */
const RULES = groupByRequirement([
  ...ALL.filter((c) => c.requirement !== 'EDGE-METHOD-REFUSED'),
  ...ALL.filter((c) => c.requirement === 'EDGE-METHOD-REFUSED').map((c) => ({ ...c, operation: NO_OPERATION })),
]);

function titleOf(requirement: EdgeCase['requirement'], cases: readonly EdgeCase[], cells: readonly string[]): string {
  const what = requirement === 'EDGE-METHOD-REFUSED' ? 'write methods a documented path does not list' : kinds(cases);
  const count = cells.filter((o) => o !== NO_OPERATION).length;
  const where = requirement === 'EDGE-METHOD-REFUSED' ? 'every path' : `${count} operations${cells.includes(NO_OPERATION) ? ' and paths of none' : ''}`;
  return `${what} on ${where} (${cases.length} cases) ${WANTS[requirement]} @${requirement}`;
}

/** The run's own ids: the worker's chat for reads, a group of the test's own where a case writes to it. */
async function ownIds(cases: readonly EdgeCase[], chert: ChertClient, settings: Settings, resources: RunResources): Promise<Ids | undefined> {
  if (!cases.some((c) => c.request.ids === 'own')) return undefined;
  const writes = cases.some((c) => c.request.ids === 'own' && !['GET', 'HEAD', 'OPTIONS'].includes(c.request.method) && c.request.param === undefined);
  if (writes) return groupOfFour(chert, settings);
  return resources.ids;
}

/** One operation's cases: what they got wrong, or why none was sent. */
async function judge(group: CaseGroup<EdgeCase>, chert: ChertClient, settings: Settings, resources: RunResources): Promise<OperationFindings> {
  const cases = casesFor(group.cases, settings.profile);
  if (cases.length === 0) return { skip: `the ${settings.profile} profile sends none of these: they write to a chat the run created` };
  const own = await ownIds(cases, chert, settings, resources);
  const made = fabricatedIds(chert);
  const calls = cases.map((c) => edgeCall(c, settings, chert, made, own));
  const outcomes = await Promise.all(cases.map((c, i) => sendEdge(c, calls[i] as Call, chert)));
  const silent = outcomes.filter((o) => 'silent' in o);
  const control = silent.length > 0 ? await controlAnswered(chert, settings, made) : '';
  return outcomes.flatMap((o, i) => {
    const sent = calls[i] as Call;
    const what = `${o.c.operation === NO_OPERATION ? '' : `${o.c.operation}: `}${o.c.rule} (${sent.method} ${sent.path.length > 120 ? `${sent.path.slice(0, 120)}…` : sent.path})`;
    if ('silent' in o) return [`${what}\n  no answer within ${edgeBoundMs(settings)} ms: ${o.silent}, while a plain request right after got ${control}`];
    const problems = edgeProblems(o.c.expected, { status: o.res.status, headers: o.res.headers, json: o.res.json });
    return problems.length === 0 ? [] : [`${what}: ${problems.join('; ')}\n  received HTTP ${o.res.status}: ${o.res.text.slice(0, 300)}`];
  });
}

for (const rule of RULES) {
  const requirement = rule.requirement as EdgeCase['requirement'];
  const cases = rule.groups.flatMap((g) => g.cases);
  test(titleOf(requirement, cases, rule.operations), generated(requirement, rule.operations), async ({ chert, settings, runResources }) => {
    await judgeEveryOperation(rule, (group) => judge(group, chert, settings, runResources), 'edge cases answered otherwise than the docs allow');
  });
}
