// CI gate: every catalog requirement has at least one test (unless the catalog marks it
// untestable, with a reason), every test names exactly one known requirement, and every cell of
// every requirement's domain (operation × auth mode, × list position for a rule about a list; see
// src/contract/domain.ts) has a check. Missing cells are printed, one line each.
import { execFileSync } from 'node:child_process';
import { loadCatalog } from '../src/contract/requirements.ts';
import { cellKey, cellsOf, domainOf } from '../src/contract/domain.ts';
import { listOperations } from '../src/contract/operations.ts';
import { loadSpec } from '../src/contract/spec.ts';
import { cellsCovered, type ListedTest } from '../src/contract/domain-coverage.ts';

type Annotation = { type: string; description?: string };
type Suite = { title: string; specs?: { title: string; tests: { annotations: Annotation[] }[] }[]; suites?: Suite[] };

function listedTests(): ListedTest[] {
  const out = execFileSync('npx', ['playwright', 'test', '--list', '--reporter=json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CHERT_BASE_URL: '' } });
  const report = JSON.parse(out) as { suites: Suite[] };
  const tests: ListedTest[] = [];
  const walk = (suite: Suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        const described = (type: string) => t.annotations.filter((a) => a.type === type).map((a) => a.description ?? '');
        tests.push({ title: spec.title, requirements: described('requirement'), operations: described('operation'), auth: described('auth'), contexts: described('context') });
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  report.suites.forEach(walk);
  return tests;
}

const catalog = loadCatalog();
const operations = listOperations(loadSpec());
const known = new Set(catalog.requirements.map((r) => r.id));
const tests = listedTests();
const problems: string[] = [];

for (const t of tests) {
  if (t.requirements.length !== 1) problems.push(`"${t.title}" names ${t.requirements.length} requirements (exactly one expected)`);
  for (const id of t.requirements) if (!known.has(id)) problems.push(`"${t.title}" names unknown requirement ${id}`);
}
const covered = new Set(tests.flatMap((t) => t.requirements));
for (const r of catalog.requirements) {
  if (!covered.has(r.id) && !r.untestable) problems.push(`${r.id} has no test (add one, or mark it untestable with a reason)`);
}

// The domain's cells, each with a check or a reason it has none.
let cellCount = 0;
let notApplicable = 0;
const missing: string[] = [];
for (const r of catalog.requirements) {
  const domain = domainOf(r, operations);
  if (domain.na !== undefined || r.untestable !== undefined) {
    notApplicable += 1;
    continue;
  }
  const checked = cellsCovered(domain, tests.filter((t) => t.requirements.includes(r.id)), operations.map((o) => o.operationId));
  for (const cell of cellsOf(domain)) {
    cellCount += 1;
    if (!checked.has(cellKey(cell))) missing.push(`${r.id}: ${cellKey(cell)}`);
  }
}
if (missing.length > 0) problems.push(`${missing.length} cell(s) of the requirements' domains have no check (requirement: operation auth [position]):\n    ${missing.join('\n    ')}`);

if (problems.length > 0) {
  console.error(`Requirement coverage: ${problems.length} problem(s)\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log(`Requirement coverage: ${covered.size}/${catalog.requirements.length} requirements covered by ${tests.length} tests; ${cellCount} cells of their domains checked${notApplicable > 0 ? `, ${notApplicable} requirement(s) not applicable` : ''}.`);
