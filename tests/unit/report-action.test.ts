// action.yml and examples/github-actions.yml parse, and the example only passes inputs the action
// declares, every required one included, so a team copying it gets a working gate.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';

type Input = { description: string; required?: boolean; default?: string };
type Action = { name: string; inputs: Record<string, Input>; outputs: Record<string, { value: string }>; runs: { using: string; steps: { id?: string; uses?: string; run?: string; with?: Record<string, unknown> }[] } };
type Step = { id?: string; uses?: string; run?: string; with?: Record<string, string> };
type Workflow = { on: Record<string, unknown>; jobs: Record<string, { steps: Step[]; needs?: string; permissions?: Record<string, string> }> };

const action = parse(readFileSync('action.yml', 'utf8')) as Action;
const workflow = parse(readFileSync('examples/github-actions.yml', 'utf8')) as Workflow;
const ACTION_REF = 'your-org/chert-conformance@v1';

test('action.yml is a composite action with the documented inputs and outputs', () => {
  assert.equal(action.runs.using, 'composite');
  for (const name of ['base-url', 'signing-secret', 'tenant', 'from', 'tenant-b', 'signing-secret-b', 'from-b', 'profile', 'expectations', 'shard', 'merge-from']) {
    assert.ok(action.inputs[name]?.description, `input ${name}`);
  }
  assert.deepEqual(Object.keys(action.outputs).sort(), ['exit-code', 'verdict']);
  const run = action.runs.steps.find((s) => s.id === 'run');
  for (const [name, output] of Object.entries(action.outputs)) {
    assert.equal(output.value, `\${{ steps.run.outputs.${name} }}`);
    assert.ok(run?.run?.includes(`echo "${name}=`), `the run step sets ${name}`);
  }
  assert.ok(action.runs.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@')), 'reports are uploaded');
});

test('every input the action declares reaches its steps', () => {
  const text = readFileSync('action.yml', 'utf8');
  for (const name of Object.keys(action.inputs)) assert.ok(text.includes(`inputs.${name}`), `input ${name} is never used`);
});

test('the example uses the action with known inputs only, every required one given', () => {
  const uses = Object.values(workflow.jobs).flatMap((job) => job.steps).filter((s) => s.uses === ACTION_REF);
  assert.ok(uses.length >= 2, 'a shard job and a verdict job use the action');
  const required = Object.entries(action.inputs).filter(([, i]) => i.required).map(([name]) => name);
  for (const step of uses) {
    for (const key of Object.keys(step.with ?? {})) assert.ok(key in action.inputs, `unknown input ${key}`);
    for (const name of required) assert.ok(name in (step.with ?? {}), `required input ${name} missing`);
  }
  assert.ok(uses.some((s) => s.with?.shard), 'one job runs shards');
  assert.ok(uses.some((s) => s.with?.['merge-from']), 'one job merges them');
});

test('the example publishes the history site to GitHub Pages on its schedule', () => {
  assert.ok('schedule' in workflow.on);
  const publish = workflow.jobs.publish;
  assert.ok(publish, 'a publish job');
  assert.equal(publish.needs, 'verdict');
  assert.equal(publish.permissions?.pages, 'write');
  assert.ok(publish.steps.some((s) => s.run?.includes('npm run report:site --')));
  assert.ok(publish.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@')));
});

test('every shell step of the action and the example is valid bash', () => {
  const steps = [...action.runs.steps, ...Object.values(workflow.jobs).flatMap((job) => job.steps)];
  for (const { run } of steps.filter((s): s is Step & { run: string } => typeof s.run === 'string')) {
    // GitHub substitutes ${{ }} before bash sees the script.
    const script = run.replace(/\$\{\{[^}]*\}\}/g, 'x');
    const check = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
    assert.equal(check.status, 0, `${check.stderr}\n${run}`);
  }
});
