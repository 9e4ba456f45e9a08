// `npx tsx scripts/test-cost.ts [reports/conformance.json]`: what each test file costs per rule it
// judges, from a run's report: its tests, their summed time, the requirements they judged (passed
// or failed), and seconds per judged rule. Run it on a report of a distant target (npm run bench
// runs one; or CHERT_BASE_URL at a mock started with `npm run mock -- --latency 100`) to see which
// files wait the most round trips for what they prove: those gain most from fewer, larger tests.
import { readFileSync } from 'node:fs';
import type { ConformanceReport } from '../src/report/types.ts';

const file = process.argv[2] ?? 'reports/conformance.json';
const report = JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;

type Cost = { tests: Set<string>; ms: number; rules: Set<string> };
const byFile = new Map<string, Cost>();
for (const requirement of report.requirements) {
  for (const t of requirement.tests) {
    const name = t.location.replace(/:\d+$/, '');
    const cost = byFile.get(name) ?? { tests: new Set(), ms: 0, rules: new Set() };
    const key = `${t.title} ${t.location}`;
    if (!cost.tests.has(key)) cost.ms += t.durationMs; // a test proving two requirements counts once
    cost.tests.add(key);
    if (t.status === 'passed' || t.status === 'failed') cost.rules.add(requirement.id);
    byFile.set(name, cost);
  }
}
const rows = [...byFile].map(([name, c]) => ({ name, tests: c.tests.size, seconds: c.ms / 1000, rules: c.rules.size }));
rows.sort((a, b) => b.seconds / Math.max(1, b.rules) - a.seconds / Math.max(1, a.rules));
console.log(`${file}: ${report.target}, ${rows.reduce((n, r) => n + r.tests, 0)} tests, ${rows.reduce((s, r) => s + r.seconds, 0).toFixed(1)} s of test time`);
console.log('| file | tests | test time | rules judged | per judged rule |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.name} | ${r.tests} | ${r.seconds.toFixed(1)} s | ${r.rules} | ${r.rules ? `${(r.seconds / r.rules).toFixed(2)} s` : '-'} |`);
