// The fault catalog's one-run plan (scripts/fault-catalog/plan.ts): faults → rounds → slot routes,
// and the verdicts the run's results give, with the control's veto.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MARKERS_ENV, markControlNeedless, markFaultCaught, whyNeedless } from '../../scripts/fault-catalog/needless.ts';
import { CONTROL_PROJECT, faultSlot, grepFor, judgeRounds, planRounds, roundProject, slotRoutes, type SlotOutcome } from '../../scripts/fault-catalog/plan.ts';
import { FAULTS } from '../../src/mock/faults.ts';

const FEW = [
  { name: 'a1', requirement: 'REQ-A' },
  { name: 'b1', requirement: 'REQ-B' },
  { name: 'a2', requirement: 'REQ-A' },
  { name: 'a3', requirement: 'REQ-A' },
];

const asObject = (faultOf: ReadonlyMap<string, string | undefined>) => Object.fromEntries(faultOf);

test('plan: round i holds the i-th fault of each requirement that has one, then the control', () => {
  const rounds = planRounds(FEW);
  assert.deepEqual(rounds.map((r) => r.project), [roundProject(0), roundProject(1), roundProject(2), CONTROL_PROJECT]);
  assert.deepEqual(asObject(rounds[0]!.faultOf), { 'REQ-A': 'a1', 'REQ-B': 'b1' });
  assert.deepEqual(asObject(rounds[1]!.faultOf), { 'REQ-A': 'a2' });
  assert.deepEqual(asObject(rounds[2]!.faultOf), { 'REQ-A': 'a3' });
  assert.deepEqual(asObject(rounds[3]!.faultOf), { 'REQ-A': undefined, 'REQ-B': undefined });
});

test('plan: no faults, no run', () => assert.deepEqual(planRounds([]), []));

test('plan: the catalog puts every fault in exactly one round, as many rounds as its busiest requirement has faults', () => {
  const rounds = planRounds(FAULTS);
  const planned = rounds.flatMap((r) => [...r.faultOf.values()]).filter((f) => f !== undefined);
  assert.deepEqual([...planned].sort(), FAULTS.map((f) => f.name).sort());
  const perRequirement = new Map<string, number>();
  for (const f of FAULTS) perRequirement.set(f.requirement, (perRequirement.get(f.requirement) ?? 0) + 1);
  assert.equal(rounds.length, Math.max(...perRequirement.values()) + 1);
  for (const round of rounds.slice(0, -1)) {
    for (const [requirement, fault] of round.faultOf) assert.equal(FAULTS.find((f) => f.name === fault)?.requirement, requirement);
  }
  assert.equal(rounds.at(-1)?.faultOf.size, perRequirement.size);
});

test('grep: selects the tests tagged with a planned requirement, as `--grep "@REQ(\\s|$)"` did', () => {
  const grep = grepFor(['CHAT-RECIPIENTS-MAX', 'A.B']);
  assert.match('32 recipients returns 422 @CHAT-RECIPIENTS-MAX', grep);
  assert.match('31 recipients @CHAT-RECIPIENTS-MAX @each-auth', grep);
  assert.match('x @A.B', grep);
  assert.doesNotMatch('x @CHAT-RECIPIENTS-MAXIMUM', grep);
  assert.doesNotMatch('x @AXB', grep, 'a dot in an id is literal');
  assert.doesNotMatch('CHAT-RECIPIENTS-MAX without its @', grep);
});

test('routes: each fault slot reaches its fault mock, each control slot a correct mock of its requirement', () => {
  const routes = slotRoutes(planRounds(FEW), (fault) => `http://fault/${fault}`, (requirement) => `http://correct/${requirement}`);
  assert.deepEqual(Object.fromEntries(routes), {
    [faultSlot(roundProject(0), 'REQ-A')]: 'http://fault/a1',
    [faultSlot(roundProject(0), 'REQ-B')]: 'http://fault/b1',
    [faultSlot(roundProject(1), 'REQ-A')]: 'http://fault/a2',
    [faultSlot(roundProject(2), 'REQ-A')]: 'http://fault/a3',
    [faultSlot(CONTROL_PROJECT, 'REQ-A')]: 'http://correct/REQ-A',
    [faultSlot(CONTROL_PROJECT, 'REQ-B')]: 'http://correct/REQ-B',
  });
});

const outcome = (project: string, requirement: string, test: string, status: SlotOutcome['status'], requirementIds = [requirement]): SlotOutcome =>
  ({ project, requirement, requirementIds, test, status, durationMs: 500, workerIndex: 0 });

test('verdicts: a failed test catches its round\'s fault for every requirement it names; a pass, skip or inconclusive catches nothing', () => {
  const verdict = judgeRounds(planRounds(FEW), [
    outcome(roundProject(0), 'REQ-A', 'a.spec.ts › one', 'passed'),
    outcome(roundProject(0), 'REQ-A', 'a.spec.ts › two', 'failed', ['REQ-A', 'RESP-NO-SECRETS']),
    outcome(roundProject(0), 'REQ-B', 'b.spec.ts › one', 'inconclusive'),
    outcome(roundProject(1), 'REQ-A', 'a.spec.ts › one', 'skipped'),
    outcome(roundProject(2), 'REQ-A', 'a.spec.ts › one', 'failed'),
    outcome(CONTROL_PROJECT, 'REQ-A', 'a.spec.ts › one', 'passed'),
    outcome(CONTROL_PROJECT, 'REQ-A', 'a.spec.ts › two', 'passed'),
  ]);
  const byFault = Object.fromEntries(verdict.faults.map((f) => [f.fault, f.caughtBy]));
  assert.deepEqual(byFault, { a1: ['REQ-A', 'RESP-NO-SECRETS'], b1: [], a2: [], a3: ['REQ-A'] });
  assert.equal(verdict.faults.find((f) => f.fault === 'a1')?.testSeconds, 1);
  assert.deepEqual(verdict.faults.find((f) => f.fault === 'a1')?.failedTests, ['a.spec.ts › two']);
  assert.deepEqual(verdict.controlFailures, []);
  assert.deepEqual(verdict.strays, []);
});

test('verdicts: a test that fails against a correct mock catches nothing, in any round; other tests still catch', () => {
  const verdict = judgeRounds(planRounds(FEW), [
    outcome(roundProject(0), 'REQ-A', 'a.spec.ts › broken', 'failed'),
    outcome(roundProject(1), 'REQ-A', 'a.spec.ts › broken', 'failed'),
    outcome(roundProject(1), 'REQ-A', 'a.spec.ts › sound', 'failed'),
    outcome(CONTROL_PROJECT, 'REQ-A', 'a.spec.ts › broken', 'failed'),
    outcome(CONTROL_PROJECT, 'REQ-A', 'a.spec.ts › sound', 'passed'),
  ]);
  assert.deepEqual(verdict.faults.find((f) => f.fault === 'a1')?.caughtBy, []);
  assert.deepEqual(verdict.faults.find((f) => f.fault === 'a2')?.failedTests, ['a.spec.ts › sound']);
  assert.deepEqual(verdict.controlFailures.map((o) => o.test), ['a.spec.ts › broken']);
});

test('verdicts: a result whose slot the plan does not know is a stray and catches nothing', () => {
  const verdict = judgeRounds(planRounds(FEW), [
    outcome(roundProject(1), 'REQ-B', 'b.spec.ts › one', 'failed'),
    outcome(roundProject(0), 'REQ-C', 'c.spec.ts › one', 'failed'),
  ]);
  assert.deepEqual(verdict.strays.map((o) => `${o.project}/${o.requirement}`), [`${roundProject(1)}/REQ-B`, `${roundProject(0)}/REQ-C`]);
  assert.ok(verdict.faults.every((f) => f.caughtBy.length === 0));
});

test('verdicts: a failure with no control result catches nothing (nothing confirmed it)', () => {
  const verdict = judgeRounds(planRounds(FEW), [outcome(roundProject(0), 'REQ-B', 'b.spec.ts › one', 'failed')]);
  assert.deepEqual(verdict.faults.find((f) => f.fault === 'b1')?.caughtBy, []);
});

test('needless: a caught slot skips the later tests of that round and requirement only; a control marker skips that control test only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fault-markers-'));
  const env = { [MARKERS_ENV]: dir };
  const info = (project: string, requirement: string, title: string) =>
    ({ project: { name: project }, annotations: [{ type: 'requirement', description: requirement }], titlePath: ['a.spec.ts', title] }) as unknown as Parameters<typeof whyNeedless>[0];
  assert.equal(whyNeedless(info(roundProject(0), 'REQ-A', 'one'), env), undefined, 'nothing marked yet');
  markFaultCaught(dir, faultSlot(roundProject(0), 'REQ-A'));
  assert.match(whyNeedless(info(roundProject(0), 'REQ-A', 'two'), env) ?? '', /already caught/);
  assert.equal(whyNeedless(info(roundProject(1), 'REQ-A', 'two'), env), undefined, 'the next round has another fault');
  assert.equal(whyNeedless(info(roundProject(0), 'REQ-B', 'two'), env), undefined, 'another requirement has another fault');
  assert.equal(whyNeedless(info(CONTROL_PROJECT, 'REQ-A', 'two'), env), undefined, 'the control runs unless its own marker says otherwise');
  markControlNeedless(dir, ['a.spec.ts', 'one']);
  assert.match(whyNeedless(info(CONTROL_PROJECT, 'REQ-A', 'one'), env) ?? '', /no catch to confirm/);
  assert.equal(whyNeedless(info(CONTROL_PROJECT, 'REQ-A', 'two'), env), undefined);
  assert.equal(whyNeedless(info(roundProject(0), 'REQ-A', 'two'), {}), undefined, 'outside the one run nothing is skipped');
});
