// `npm test`: everything that proves the suite, in order of cost. Stops at the first failure.
//   1. unit tests   2. requirement coverage   3. report end-to-end and browser tests
//   4. the conformance suite against the correct mock (must pass), and against the mock under
//      every other reading of what the docs leave open (specs/open-choices.yaml: no false alarm)
//   5. the mutation score over the mock's fault catalog (must be 100%)
//   6. a fixed-seed sample of generated mutants of the mock (every survivor listed as equivalent,
//      no listed one killed)
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { CI_SAMPLE } from './mutation-generated/config.ts';

const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => `${dir}/${f}`) : []);

const steps: [string, string, string[], NodeJS.ProcessEnv?][] = [
  ['unit tests', 'node', ['--import', 'tsx', '--test', ...files('tests/unit')]],
  ['requirement coverage', 'npx', ['tsx', 'scripts/check-coverage.ts']],
  // With the independent server's variants (second other readings, opaque ids, throttling...): about a minute more.
  ['report end-to-end tests', 'node', ['--import', 'tsx', '--test', '--test-concurrency=1', ...files('tests/e2e')], { CHERT_E2E_VARIANTS: '1' }],
  ['conformance suite against the built-in mock', 'npx', ['playwright', 'test'], { CHERT_BASE_URL: '' }],
  // The mock as other correct servers: every other reading of what the docs leave open. No false alarm.
  ['false-alarm gate: the suite against the mock under the other readings', 'npx', ['tsx', 'scripts/false-alarm-gate.ts']],
  ['mutation score over the fault catalog', 'npx', ['tsx', 'scripts/mutation.ts'], { CHERT_BASE_URL: '' }],
  // A fixed-seed sample of the generated mutants: every one killed or listed as equivalent, and a
  // sample of the listed equivalents run again: none may be killed.
  ['generated-mutant sample', 'npx', ['tsx', 'scripts/mutation-generated.ts'], { CHERT_BASE_URL: '', CHERT_MUTANTS_SAMPLE: String(CI_SAMPLE.size), CHERT_MUTANTS_SEED: String(CI_SAMPLE.seed), CHERT_MUTANTS_RECHECK_SAMPLE: String(CI_SAMPLE.equivalents) }],
];

const started = Date.now();
for (const [name, command, args, env] of steps) {
  if (command === 'node' && !args.some((a) => a.endsWith('.test.ts'))) continue; // no such tests yet
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\nnpm test: "${name}" failed (exit ${String(result.status)}).`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\nnpm test: all steps passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
