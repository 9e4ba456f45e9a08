// Each requirement in every context of its domain (src/contract/domain.ts): for each operation ×
// auth mode the rule governs, what the run found there (passed, failed, or not checked: no test
// judged it), and not applicable outside the domain. A reader sees where a target breaks a rule
// and where the suite could not judge it. Built from the tests' evidence: the contexts a test
// names with their verdicts (generated checks), else its operations and auth modes.
import { cellKey, cellsOf, parseCellKey, type AuthContext, type Domain } from '../contract/domain.ts';
import { chip, esc } from './html-kit.ts';
import type { ConformanceReport, ContextStatus, TestEvidence, TestStatus } from './types.ts';

/** The project's auth mode (playwright.config.ts): a test that names none runs signed. */
const PROJECT_AUTH: AuthContext = 'hmac';

/** `createChat bearer to[last]` → `createChat bearer`: the matrix shows operation × auth mode. */
const contextOf = (key: string): string => {
  const { operation, auth } = parseCellKey(key);
  return `${operation} ${auth}`;
};

/** What the tests' evidence says of each context, before the domain is laid over it. */
function observed(requirementId: string, domain: Domain, tests: readonly TestEvidence[]): Map<string, TestStatus[]> {
  const found = new Map<string, TestStatus[]>();
  const add = (key: string, status: TestStatus) => found.set(contextOf(key), [...(found.get(contextOf(key)) ?? []), status]);
  for (const t of tests) {
    // A test of another rule whose answer broke this one (a response rule judged on every exchange).
    const breaches = (t.breaches ?? []).filter((b) => b.startsWith(`${requirementId} `));
    if (breaches.length > 0) {
      for (const b of breaches) add(b.slice(requirementId.length + 1), 'failed');
      continue;
    }
    if (t.contexts !== undefined && Object.keys(t.contexts).length > 0) {
      for (const [key, status] of Object.entries(t.contexts)) add(key, status);
      continue;
    }
    // `*`: the test names every operation (EDGE-METHOD-REFUSED's paths).
    const operations = Object.entries(t.operations ?? {}).flatMap(([operation, status]): [string, TestStatus][] => (operation === '*' ? domain.operations.map((o) => [o, status]) : [[operation, status]]));
    const named: [string, TestStatus][] = operations.length > 0 ? operations : domain.operations.length === 1 ? [[domain.operations[0] as string, t.status]] : [];
    const modes = t.auth !== undefined && t.auth.length > 0 ? t.auth : domain.auth.length === 1 ? domain.auth : [PROJECT_AUTH];
    for (const [operation, status] of named) for (const mode of modes) add(`${operation} ${mode}`, status);
  }
  return found;
}

const statusOf = (statuses: readonly TestStatus[] | undefined): ContextStatus =>
  statuses === undefined ? 'not checked' : statuses.includes('failed') ? 'failed' : statuses.includes('passed') ? 'passed' : 'not checked';

/** Each context of the domain with its status; none when the rule has no context (n/a). */
export function contextStatuses(requirementId: string, domain: Domain, tests: readonly TestEvidence[]): Record<string, ContextStatus> {
  const found = observed(requirementId, domain, tests);
  const contexts: Record<string, ContextStatus> = {};
  for (const cell of cellsOf(domain)) {
    const key = cellKey({ operation: cell.operation, auth: cell.auth });
    if (contexts[key] === undefined || contexts[key] === 'not checked') contexts[key] = statusOf(found.get(key));
  }
  return contexts;
}

const MODES: readonly AuthContext[] = ['hmac', 'bearer', 'none'];

/** The matrix as an HTML section: a row per requirement with a domain, a column per operation × auth mode. */
export function contextMatrixSection(report: Pick<ConformanceReport, 'requirements'>): string {
  const rows = report.requirements.filter((r) => r.contexts !== undefined && Object.keys(r.contexts).length > 0);
  if (rows.length === 0) return '';
  const operations = [...new Set(rows.flatMap((r) => Object.keys(r.contexts ?? {}).map((k) => parseCellKey(k).operation)))];
  const modes = MODES.filter((m) => rows.some((r) => Object.keys(r.contexts ?? {}).some((k) => parseCellKey(k).auth === m)));
  const columns = operations.flatMap((operation) => modes.map((mode) => `${operation} ${mode}`));
  const head = `<tr><th>requirement</th>${columns.map((c) => `<th class="small">${esc(c)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => {
    const cells = columns.map((c) => {
      const status = r.contexts?.[c];
      if (status === undefined) return '<td><span class="small" title="not applicable">n/a</span></td>';
      if (status === 'not checked') return '<td><span class="small" title="no test judged it in this run">not checked</span></td>';
      return `<td>${chip(status)}</td>`;
    });
    return `<tr><td class="id"><code>${esc(r.id)}</code></td>${cells.join('')}</tr>`;
  });
  return `<h2 id="contexts">Every rule in every context: requirement × operation × auth mode</h2><div style="overflow-x:auto"><table>${head}${body.join('')}</table></div>`;
}
