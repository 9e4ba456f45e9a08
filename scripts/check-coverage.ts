// CI gate: every catalog requirement has at least one test (unless the catalog marks it
// untestable, with a reason), and every test names exactly one known requirement.
import { execFileSync } from 'node:child_process';
import { loadCatalog } from '../src/contract/requirements.ts';

type Annotation = { type: string; description?: string };
type Suite = { title: string; specs?: { title: string; tests: { annotations: Annotation[] }[] }[]; suites?: Suite[] };

function listedTests(): { title: string; requirements: string[] }[] {
  const out = execFileSync('npx', ['playwright', 'test', '--list', '--reporter=json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CHERT_BASE_URL: '' } });
  const report = JSON.parse(out) as { suites: Suite[] };
  const tests: { title: string; requirements: string[] }[] = [];
  const walk = (suite: Suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        tests.push({ title: spec.title, requirements: t.annotations.filter((a) => a.type === 'requirement').map((a) => a.description ?? '') });
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  report.suites.forEach(walk);
  return tests;
}

const catalog = loadCatalog();
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

if (problems.length > 0) {
  console.error(`Requirement coverage: ${problems.length} problem(s)\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log(`Requirement coverage: ${covered.size}/${catalog.requirements.length} requirements covered by ${tests.length} tests.`);
