// The generated mutation run's pure parts: which mutants are left out, how rounds are planned, the
// sample, the equivalents list and the score.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TestInfo } from '@playwright/test';
import { EXCLUDED_FILES } from '../../scripts/mutation-generated/config.ts';
import { deadEntries, describeEntry, EQUIVALENTS_FILE, findEquivalent, loadEquivalents, type EquivalentEntry } from '../../scripts/mutation-generated/equivalents.ts';
import { instrument } from '../../scripts/mutation-generated/instrument.ts';
import { defaultReading, offValue, readingSwitch, type AstNode } from '../../scripts/mutation-generated/ignore.ts';
import type { GeneratedMutant } from '../../scripts/mutation-generated/instrument.ts';
import { scoreOf } from '../../scripts/mutation-generated/report.ts';
import { identities, sample } from '../../scripts/mutation-generated/sample.ts';
import { planRound, planWholeSuite } from '../../scripts/mutation-generated/schedule.ts';
import { SLOT_HEADER, testKey } from '../../scripts/mutation-generated/slot-key.ts';
import { generatedMutantHooks } from '../../scripts/mutation-generated/test-hooks.ts';
import { declaredName, rankByNeighbours, rankForStatic } from '../../scripts/mutation-generated/static-rank.ts';

const FAULTS = new Set(['idem-race', 'phone-us-only']);
const id = (name: string): AstNode => ({ type: 'Identifier', name });
const str = (value: string): AstNode => ({ type: 'StringLiteral', value });
const member = (property: string): AstNode => ({ type: 'MemberExpression', object: id('state'), property: id(property) });
const bin = (operator: string, left: AstNode, right: AstNode): AstNode => ({ type: 'BinaryExpression', operator, left, right });
const logical = (operator: string, left: AstNode, right: AstNode): AstNode => ({ type: 'LogicalExpression', operator, left, right });

const switches: [string, { given: AstNode; want: boolean | undefined }][] = [
  ['fault === name is false with no fault', { given: bin('===', id('fault'), str('idem-race')), want: false }],
  ['state.fault !== name is true with no fault', { given: bin('!==', member('fault'), str('phone-us-only')), want: true }],
  ['a name first reads the same', { given: bin('===', str('idem-race'), member('fault')), want: false }],
  ['a string that names no fault is no switch', { given: bin('===', id('fault'), str('not-a-fault')), want: undefined }],
  ['another variable is no switch', { given: bin('===', id('mode'), str('idem-race')), want: undefined }],
  ['switch && anything is false', { given: logical('&&', bin('===', id('fault'), str('idem-race')), id('x')), want: false }],
  ['switch || anything is undecided', { given: logical('||', bin('===', id('fault'), str('idem-race')), id('x')), want: undefined }],
  ['anything || !== switch is true', { given: logical('||', id('x'), bin('!==', id('fault'), str('idem-race'))), want: true }],
];

for (const [name, { given, want }] of switches) {
  test(`fault switches: ${name}`, () => assert.equal(offValue(given, FAULTS), want));
}

// Reading switches (`readings.is('choice', 'reading')`): their value under the mock's default readings.
const DEFAULTS = new Map([['text-empty', 'empty-rejected-1002']]);
const call = (choice: string, reading: string): AstNode => ({ type: 'CallExpression', callee: { type: 'MemberExpression', object: id('readings'), property: id('is') }, arguments: [str(choice), str(reading)] });

test('reading switches: a switch of the default reading holds, another reading does not, an unknown choice is no switch', () => {
  assert.deepEqual(readingSwitch(call('text-empty', 'empty-rejected-1002'), DEFAULTS), { choice: 'text-empty', byDefault: true });
  assert.deepEqual(readingSwitch(call('text-empty', 'accepted'), DEFAULTS), { choice: 'text-empty', byDefault: false });
  assert.equal(readingSwitch(call('no-such-choice', 'x'), DEFAULTS), undefined);
  assert.equal(readingSwitch({ type: 'CallExpression', callee: id('is'), arguments: [str('text-empty'), str('accepted')] }, DEFAULTS), undefined);
});

test('reading switches: && with another reading is false by default, || with the default reading true, ! turns it', () => {
  assert.deepEqual(defaultReading(logical('&&', id('blank'), call('text-empty', 'accepted')), DEFAULTS), { value: false, choice: 'text-empty' });
  assert.deepEqual(defaultReading(logical('||', id('x'), call('text-empty', 'empty-rejected-1002')), DEFAULTS), { value: true, choice: 'text-empty' });
  assert.equal(defaultReading(logical('||', id('x'), call('text-empty', 'accepted')), DEFAULTS), undefined);
  assert.deepEqual(defaultReading({ type: 'UnaryExpression', operator: '!', argument: call('text-empty', 'accepted') }, DEFAULTS), { value: true, choice: 'text-empty' });
});

const TYPING_DEFAULTS = new Map([['typing-in-groups', 'works']]);
const isReading = (reading: string): AstNode => ({ type: 'CallExpression', callee: { type: 'MemberExpression', object: member('readings'), property: id('is') }, arguments: [str('typing-in-groups'), str(reading)] });
const readingSwitches: [string, { given: AstNode; want: boolean | undefined }][] = [
  ['state.readings.is(choice, its default) is true', { given: isReading('works'), want: true }],
  ['state.readings.is(choice, another reading) is false', { given: isReading('direct-only'), want: false }],
  ['its negation is the opposite', { given: { type: 'UnaryExpression', operator: '!', argument: isReading('direct-only') }, want: true }],
  ['x && another reading is false', { given: logical('&&', id('isGroup'), isReading('direct-only')), want: false }],
];
for (const [name, { given, want }] of readingSwitches) {
  test(`reading switches: ${name}`, () => assert.equal(offValue(given, FAULTS, TYPING_DEFAULTS), want));
}
test('reading switches: without the defaults a reading call is no switch', () => assert.equal(offValue(isReading('works'), FAULTS), undefined));

test('config: every excluded file says why', () => {
  for (const [file, reason] of Object.entries(EXCLUDED_FILES)) assert.ok(reason.length > 20, `${file} needs a reason`);
});

const cheapFirst = { cost: (t: string) => Number(t.slice(1)) };

test('rounds: each mutant gets its preferred covering test that has room, the most constrained first', () => {
  const round = planRound(
    [
      { id: '1', candidates: ['t1', 't2'] },
      { id: '2', candidates: ['t2', 't1'] },
      { id: '3', candidates: ['t1'] },
    ],
    { triesPerMutant: 1, maxRepeats: 2, ...cheapFirst },
  );
  assert.equal(round.slots.get('t1/0'), '3', 'the most constrained mutant is placed first');
  assert.equal(round.slots.get('t1/1'), '1');
  assert.equal(round.slots.get('t2/0'), '2');
  assert.equal(round.repeats, 2);
  const full = planRound([{ id: 'a', candidates: ['t1', 't2'] }, { id: 'b', candidates: ['t1', 't2'] }], { triesPerMutant: 1, maxRepeats: 1, ...cheapFirst });
  assert.deepEqual([full.slots.get('t1/0'), full.slots.get('t2/0')], ['a', 'b'], 'a full test sends the next mutant to its next choice');
});

test('rounds: a slot only ever runs a mutant its test covers, and a mutant at most once per test', () => {
  const pending = Array.from({ length: 40 }, (_, i) => ({ id: String(i), candidates: ['t1', 't2', 't3', 't4'].filter((_, j) => (i + j) % 3 !== 0) }));
  const round = planRound(pending, { triesPerMutant: 4, maxRepeats: 6, ...cheapFirst });
  const seen = new Set<string>();
  for (const [slot, mutant] of round.slots) {
    const [test, repeat] = slot.split('/') as [string, string];
    assert.ok(pending.find((m) => m.id === mutant)?.candidates.includes(test), `${slot} runs ${mutant}, which ${test} does not cover`);
    assert.ok(Number(repeat) < round.repeats);
    assert.ok(!seen.has(`${test}:${mutant}`), `${mutant} twice on ${test}`);
    seen.add(`${test}:${mutant}`);
  }
  assert.ok(round.repeats <= 6);
});

test('rounds: idle repeats of a test try more mutants it covers', () => {
  const round = planRound(
    [
      { id: 'a', candidates: ['t1'] },
      { id: 'b', candidates: ['t1'] },
      { id: 'c', candidates: ['t2', 't1'] },
    ],
    { triesPerMutant: 1, maxRepeats: 10, ...cheapFirst },
  );
  assert.equal(round.repeats, 2);
  assert.equal(round.slots.get('t2/0'), 'c');
  assert.equal(round.slots.get('t2/1'), undefined, 'no other mutant covers t2');
});

test('rounds: a mutant marked noFill gets only its planned tries', () => {
  const round = planRound(
    [
      { id: 'a', candidates: ['t1'] },
      { id: 'b', candidates: ['t1'] },
      { id: 'c', candidates: ['t2'] },
      { id: 's', candidates: ['t1', 't2'], noFill: true },
    ],
    { triesPerMutant: 1, maxRepeats: 10, ...cheapFirst },
  );
  assert.equal(round.repeats, 3);
  assert.deepEqual([...round.slots.values()].filter((id) => id === 's'), ['s'], 't2 has idle repeats, yet s is not put there');
});

test('rounds: mutants with no test left are not scheduled', () => {
  const round = planRound([{ id: 'x', candidates: [] }], { triesPerMutant: 1, maxRepeats: 4, ...cheapFirst });
  assert.equal(round.slots.size, 0);
  assert.equal(round.repeats, 0);
});

test('whole suite: repeat r of every test runs survivor r', () => {
  const round = planWholeSuite(['t1', 't2'], ['m1', 'm2', 'm3']);
  assert.equal(round.repeats, 3);
  assert.equal(round.slots.get('t2/2'), 'm3');
  assert.equal(round.slots.size, 6);
});

test('sample: the same seed picks the same mutants, another seed others, in original order', () => {
  const items = Array.from({ length: 500 }, (_, i) => i);
  const key = (n: number) => `m${n}`;
  const a = sample(items, 20, 42, key);
  assert.deepEqual(sample(items, 20, 42, key), a);
  assert.notDeepEqual(sample(items, 20, 43, key), a);
  assert.equal(new Set(a).size, 20);
  assert.deepEqual([...a].sort((x, y) => x - y), a);
  assert.deepEqual(sample(items.slice(0, 5), 20, 1, key), [0, 1, 2, 3, 4]);
});

test('sample: leaving out a mutant outside the sample changes nothing; one inside it, only that one', () => {
  const items = Array.from({ length: 500 }, (_, i) => i);
  const key = (n: number) => `m${n}`;
  const a = sample(items, 20, 42, key);
  const outside = items.find((n) => !a.includes(n)) as number;
  assert.deepEqual(sample(items.filter((n) => n !== outside), 20, 42, key), a);
  const inside = a[3] as number;
  const b = sample(items.filter((n) => n !== inside), 20, 42, key);
  assert.equal(b.filter((n) => a.includes(n)).length, 19);
});

test('sample: identities ignore line numbers and tell identical changes apart by order', () => {
  const m = { file: 'src/mock/a.ts', scope: 'f', mutator: 'StringLiteral', original: '"x"', replacement: '""' };
  const keys = identities([m, { ...m, scope: 'g' }, m]);
  assert.equal(new Set(keys).size, 3);
  assert.deepEqual(identities([m]), [keys[0]]);
});

test('slot keys: the test hooks send the key of project and title path, with the repeat', () => {
  const info = { project: { name: 'hmac' }, titlePath: ['conformance/auth.spec.ts', 'a title'], repeatEachIndex: 3 } as unknown as TestInfo;
  assert.deepEqual(generatedMutantHooks.requestHeaders?.(info), { [SLOT_HEADER]: `${testKey('hmac', ['conformance/auth.spec.ts', 'a title'])}/3` });
  assert.equal(testKey('hmac', ['conformance/auth.spec.ts', 'a title']), testKey('hmac', ['conformance/auth.spec.ts', 'a title']));
  assert.notEqual(testKey('hmac', ['a', 'b']), testKey('bearer', ['a', 'b']));
  assert.match(testKey('hmac', ['x']), /^[0-9a-f]{16}$/);
});

const mutant = (over: Partial<GeneratedMutant> = {}): GeneratedMutant => ({
  id: '7',
  file: 'src/mock/errors.ts',
  mutator: 'StringLiteral',
  original: "'Internal error.'",
  replacement: '""',
  scope: '<module>',
  location: { start: { line: 30, column: 20 }, end: { line: 30, column: 37 } },
  ...over,
});

test('equivalents: matched by file, mutator, original and replacement, not by line or id', () => {
  const entry: EquivalentEntry = { file: 'src/mock/errors.ts', mutator: 'StringLiteral', original: "'Internal error.'", replacement: '""', reason: 'free text' };
  assert.equal(findEquivalent([entry], mutant({ id: '99', location: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } })), entry);
  assert.equal(findEquivalent([entry], mutant({ replacement: '"Stryker was here!"' })), undefined);
  assert.equal(findEquivalent([entry], mutant({ file: 'src/mock/auth.ts' })), undefined);
  assert.equal(findEquivalent([{ ...entry, scope: 'apiError' }], mutant()), undefined, 'a scope, when given, must match');
});

test('equivalents: the committed list loads and every entry has a reason', () => {
  for (const entry of loadEquivalents(EQUIVALENTS_FILE)) assert.ok(entry.reason.length > 10 && !entry.reason.startsWith('TODO'), `${entry.file} ${entry.original}: reason`);
});

test('equivalents: an entry that matches none of the mutants a run tries is dead', () => {
  const live: EquivalentEntry = { file: 'src/mock/errors.ts', mutator: 'StringLiteral', original: "'Internal error.'", replacement: '""', reason: 'free text' };
  const gone: EquivalentEntry = { ...live, original: "'Gone.'" };
  assert.deepEqual(deadEntries([live, gone], [mutant()]).map((d) => d.number), [2]);
  assert.deepEqual(deadEntries([live], []).map((d) => d.number), [1], 'a mutant config.ts leaves out is not tried: its entry is dead too');
});

test('equivalents: every entry of the committed list matches a mutant of the mock as it is built today', async () => {
  const out = mkdtempSync(join(tmpdir(), 'chert-instrument-'));
  try {
    const build = await instrument(process.cwd(), out);
    const dead = deadEntries(loadEquivalents(EQUIVALENTS_FILE), build.mutants.filter((m) => !m.ignoredBecause));
    assert.deepEqual(dead.map(describeEntry), [], `remove these from ${EQUIVALENTS_FILE}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('open choices: the reading switches of the mock and the code only another reading reaches are classed open choice, never tested', async () => {
  const out = mkdtempSync(join(tmpdir(), 'chert-instrument-'));
  try {
    const build = await instrument(process.cwd(), out);
    const open = build.mutants.filter((m) => m.ignoredBecause?.startsWith('open choice '));
    assert.ok(open.length > 100, `only ${open.length} mutants classed open choice`);
    // The empty-text switch and the branch that refuses an empty value under another reading.
    assert.ok(open.some((m) => m.file === 'src/mock/parts.ts' && m.ignoredBecause?.startsWith('open choice text-empty:')));
    // Code every request reaches under the default readings stays tested.
    assert.ok(build.mutants.some((m) => m.file === 'src/mock/parts.ts' && !m.ignoredBecause));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('score: killed over all tested but the equivalent ones', () => {
  const score = scoreOf([{ status: 'Killed' }, { status: 'Timeout' }, { status: 'Survived' }, { status: 'Ignored' }, { status: 'NoCoverage' }], 1);
  assert.deepEqual({ killed: score.killed, total: score.total, equivalent: score.equivalent }, { killed: 2, total: 5, equivalent: 1 });
  assert.equal(score.percent, 50);
});

test('report: valid against the mutation-testing-report schema, and the HTML inlines it safely', async () => {
  const { Ajv } = await import('ajv');
  const { createRequire } = await import('node:module');
  const schema = createRequire(import.meta.url)('mutation-testing-report-schema/mutation-testing-report-schema.json') as object;
  const { mutationHtml, mutationReport } = await import('../../scripts/mutation-generated/report.ts');
  const source = "export const A = 'Internal error.';\n";
  const report = mutationReport(
    [mutant({ id: '1', location: { start: { line: 1, column: 18 }, end: { line: 1, column: 35 } } }), mutant({ id: '2', mutator: 'BlockStatement', replacement: '{}' })],
    new Map([['1', { status: 'Killed' as const, killedBy: ['k1'], coveredBy: ['k1'] }], ['2', { status: 'Ignored' as const, reason: 'equivalent </script> here' }]]),
    { 'src/mock/errors.ts': source },
    [{ key: 'k1', file: 'conformance/x.spec.ts', name: '[hmac] a test' }],
  );
  const validate = new Ajv({ strict: false }).compile(schema);
  assert.ok(validate(report), JSON.stringify(validate.errors));
  const html = mutationHtml(report, 'title');
  assert.ok(!html.includes('equivalent </script>'), 'a reason cannot close the script early');
  assert.match(html, /<mutation-test-report-app/);
});

test('rounds: tests needing very different repeats run apart, every slot kept, at most three runs', async () => {
  const { splitByRepeats } = await import('../../scripts/mutation-generated/schedule.ts');
  const slots = new Map<string, string>();
  const needs: Record<string, number> = { a: 12, b: 11, c: 5, d: 1, e: 1, f: 2 };
  for (const [test, need] of Object.entries(needs)) for (let r = 0; r < need; r++) slots.set(`${test}/${r}`, `${test}${r}`);
  const runs = splitByRepeats({ tests: Object.keys(needs), repeats: 12, slots });
  assert.ok(runs.length <= 3);
  assert.deepEqual(runs.map((r) => r.repeats), [12, 5, 2]);
  assert.deepEqual(runs[0]?.tests, ['a', 'b']);
  assert.equal(runs.reduce((n, r) => n + r.slots.size, 0), slots.size);
  for (const run of runs) for (const slot of run.slots.keys()) assert.ok(Number(slot.split('/')[1]) < run.repeats);
});

test('static mutants: the tests reaching the lines that use the constant come first, then those that killed its file', () => {
  const source = ['const REACTIONS = [\'love\', \'like\'];', 'export function react(r: string) {', '  if (!REACTIONS.includes(r)) return 400;', '  return r.length;', '}'].join('\n');
  const at = (line: number) => ({ start: { line, column: 1 }, end: { line, column: 2 } });
  const mutant = (id: string, line: number, file = 'src/mock/react.ts'): GeneratedMutant => ({ id, file, mutator: 'X', original: 'a', replacement: 'b', scope: 'react', location: at(line) });
  const mutants = [mutant('static', 1), mutant('use', 3), mutant('other', 4), mutant('elsewhere', 1, 'src/mock/router.ts')];
  const coverage = new Map<string, Map<string, number>>([
    ['use', new Map([['user', 1]])],
    ['other', new Map([['user', 1], ['sibling', 3]])],
    ['elsewhere', new Map([['stranger', 9]])],
  ]);
  const input = { mutants, sources: { 'src/mock/react.ts': source, 'src/mock/router.ts': 'const X = 1;' }, coverage, killedBy: new Map([['other', ['killer']]]) };
  assert.equal(declaredName(source, 1), 'REACTIONS');
  assert.equal(declaredName(source, 3), 'react');
  assert.deepEqual(rankForStatic(mutants[0] as GeneratedMutant, ['stranger', 'sibling', 'killer', 'user'], input), ['user', 'killer', 'sibling', 'stranger']);
});

test('survivors: the tests that killed mutants of the same function come first, then of the same file', () => {
  const at = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };
  const mutant = (id: string, scope: string, file = 'src/mock/a.ts'): GeneratedMutant => ({ id, file, mutator: 'X', original: 'a', replacement: 'b', scope, location: at });
  const mutants = [mutant('me', 'f'), mutant('sibling', 'f'), mutant('cousin', 'g'), mutant('stranger', 'f', 'src/mock/b.ts')];
  const killedBy = new Map([['sibling', ['t-scope']], ['cousin', ['t-file']], ['stranger', ['t-other']]]);
  assert.deepEqual(rankByNeighbours(mutants[0] as GeneratedMutant, ['t-other', 't-first', 't-file', 't-scope'], { mutants, killedBy }), ['t-scope', 't-file', 't-other', 't-first']);
});
