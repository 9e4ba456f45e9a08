// RESP-NO-SECRETS on every operation, in one test: the first auth case of each rule (no
// credentials, a near-miss token, a signature with another secret, a malformed, stale or valid
// one, a valid token…) is sent, and no answer may carry the secret, the token or signature sent, or
// a digest of the secret (src/checks/secrets.ts). The same scan runs on every exchange of
// every other test too (tests/fixtures/leaks.ts), the generated auth checks' included.
import { authCases, mayAuthenticate, type AuthCase } from '../../src/contract/generate/auth-cases.ts';
import { describeLeak } from '../../src/checks/secrets.ts';
import { httpTransport } from '../../src/client/transport.ts';
import { withSecretScan, type FoundLeak } from '../fixtures/leaks.ts';
import { sendAuthCase } from './auth-request.ts';
import { bodyFor, generated, groupByRequirement, judgeEveryOperation, operationById, operations, pathForCases, test, type CaseGroup, type OperationFindings, type SendContext } from './fixtures.ts';

const cases = authCases(operations);
/** One case per requirement and operation is enough here: the hook scans every other one. */
const firsts = new Set<string>();
const firstOfRequirement = (c: (typeof cases)[number]) => {
  const key = `${c.operation} ${c.requirement}`;
  if (firsts.has(key)) return false;
  firsts.add(key);
  return true;
};

/** One operation's cases: the secret material its answers carried, scanned by a client of its own so each operation's finds are its own. */
async function send(group: CaseGroup<AuthCase>, ctx: SendContext): Promise<OperationFindings> {
  const operation = operationById.get(group.operation)!;
  const { resources, settings } = ctx;
  // Safe profile: what a correct server would accept runs only on a fabricated resource.
  const runnable = group.cases.filter((c) => !(mayAuthenticate(c) && !resources.real && operation.pathParameters.length === 0));
  const path = await pathForCases(operation, runnable.some(mayAuthenticate), ctx, resources);
  if (typeof path !== 'string') return path;
  const found: FoundLeak[] = [];
  const scanned = ctx.chert.derive({ transport: withSecretScan(httpTransport(settings.maxBodyBytes), settings, found) });
  const answers = await Promise.all(runnable.map((c) => sendAuthCase(scanned, settings, operation, path, bodyFor(operation, settings), c.request)));
  if (answers.every((a) => 'skipped' in a)) return { skip: 'no credential variant could be sent' };
  for (const { exchange } of found.slice(0, 12)) ctx.chert.exchanges.push(exchange);
  return found.map((l) => describeLeak(l.leak));
}

const rule = groupByRequirement(cases.filter(firstOfRequirement).map((c) => ({ ...c, requirement: 'RESP-NO-SECRETS' })))[0]!;
const variants = Math.max(...rule.groups.map((g) => g.cases.length));
test(`no answer to up to ${variants} credential variants on ${rule.operations.length} operations carries secret material @RESP-NO-SECRETS`, generated('RESP-NO-SECRETS', rule.operations, [...new Set(rule.groups.flatMap((g) => g.cases.map((c) => c.request.kind)))]), async ({ chert, settings, runResources }) => {
  await judgeEveryOperation(rule, (group) => send(group, { chert, settings, resources: runResources }), 'responses carrying secret material');
});
