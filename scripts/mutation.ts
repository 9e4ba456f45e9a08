// Mutation score: the conformance suite run against the mock once per fault of its catalog.
// A fault is detected when the run exits 1 or warns a SHOULD; the score must be 100%.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAULTS } from '../src/mock/faults.ts';

type Outcome = { fault: string; expected: string; exitCode: number; caughtBy: string[]; seconds: number };

const OUT_DIR = join(process.env.CHERT_REPORT_DIR ?? 'reports', 'mutation');
const PARALLEL = Number(process.env.CHERT_MUTATION_PARALLEL ?? 2);
const only = process.argv.slice(2);

function runSuite(fault: string): Promise<Outcome> {
  const reportDir = join(OUT_DIR, fault);
  const started = Date.now();
  const expected = FAULTS.find((f) => f.name === fault)?.requirement ?? '?';
  return new Promise((resolve) => {
    const child = spawn('npx', ['playwright', 'test'], {
      env: { ...process.env, CHERT_BASE_URL: '', CHERT_MOCK_FAULT: fault, CHERT_REPORT_DIR: reportDir, CHERT_WORKERS: '1', CHERT_REPORTERS: 'line' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      let caughtBy: string[];
      try {
        const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as { requirements: { id: string; status: string }[] };
        caughtBy = report.requirements.filter((r) => r.status === 'failed' || r.status === 'warned').map((r) => r.id);
      } catch {
        caughtBy = [];
        if (code !== 1) process.stderr.write(`${fault}: no report (exit ${String(code)}): ${stderr.trim().split('\n').slice(-3).join(' | ')}\n`);
      }
      resolve({ fault, expected, exitCode: code ?? -1, caughtBy, seconds: (Date.now() - started) / 1000 });
    });
  });
}

async function runAll(names: string[]): Promise<Outcome[]> {
  const queue = [...names];
  const results: Outcome[] = [];
  const lane = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const outcome = await runSuite(name);
      results.push(outcome);
      const mark = outcome.caughtBy.length > 0 ? 'caught' : 'MISSED';
      console.log(`${mark.padEnd(6)} ${outcome.fault.padEnd(36)} exit ${outcome.exitCode}  ${outcome.seconds.toFixed(1)}s  ${outcome.caughtBy.join(', ')}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  return results.sort((a, b) => a.fault.localeCompare(b.fault));
}

const names = only.length > 0 ? only : FAULTS.map((f) => f.name);
mkdirSync(OUT_DIR, { recursive: true });
const started = Date.now();
const results = await runAll(names);
const detected = results.filter((r) => r.caughtBy.length > 0);
const onTarget = detected.filter((r) => r.caughtBy.includes(r.expected));
writeFileSync(join(OUT_DIR, 'mutation.json'), JSON.stringify({ results, detected: detected.length, total: results.length }, null, 2));
console.log(`\nMutation score: ${detected.length}/${results.length} faults detected (${((100 * detected.length) / results.length).toFixed(1)}%), ` +
  `${onTarget.length} by the requirement they violate, in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
for (const r of results.filter((x) => x.caughtBy.length > 0 && !x.caughtBy.includes(x.expected))) {
  console.log(`  note: ${r.fault} violates ${r.expected} but was caught by ${r.caughtBy.join(', ')}`);
}
process.exit(detected.length === results.length ? 0 : 1);
