// Work started ahead for an ordered run of tests (src/client/lookahead.ts) and the runner's
// decision whether every test runs once, which alone allows it (src/run/send-ahead.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lookahead } from '../../src/client/lookahead.ts';
import { decideSendAhead, SEND_AHEAD_ENV, sendAheadFromArgs, sendsAhead } from '../../src/run/send-ahead.ts';

/** A lookahead over `weights` whose work is a record of each start, in order. */
function recorded(weights: number[], budget: number) {
  const starts: number[] = [];
  const lookahead = new Lookahead<{ index: number; nth: number }>({
    size: weights.length,
    start: (index) => (starts.push(index), { index, nth: starts.length }),
    weight: (index) => weights[index] as number,
    budget,
  });
  return { lookahead, starts };
}

test('taking a test starts the next ones up to the budget of requests ahead', () => {
  const { lookahead, starts } = recorded([2, 2, 2, 2, 2, 2], 4);
  assert.equal(lookahead.take(0, true).index, 0);
  assert.deepEqual(starts, [0, 1, 2]);
  assert.deepEqual(lookahead.startedAhead, [1, 2]);
});

test('a test started ahead is taken without a second start, and the window moves on', () => {
  const { lookahead, starts } = recorded([2, 2, 2, 2, 2, 2], 4);
  lookahead.take(0, true);
  const second = lookahead.take(1, true);
  assert.equal(second.nth, 2, 'the work started ahead, not a new one');
  assert.deepEqual(starts, [0, 1, 2, 3]);
  assert.deepEqual(lookahead.startedAhead, [2, 3]);
});

test('the next test is started even when it alone exceeds the budget', () => {
  const { lookahead, starts } = recorded([1, 92, 1], 4);
  lookahead.take(0, true);
  assert.deepEqual(starts, [0, 1]);
});

test('nothing is started past the last test', () => {
  const { lookahead, starts } = recorded([1, 1], 100);
  lookahead.take(0, true);
  lookahead.take(1, true);
  assert.deepEqual(starts, [0, 1]);
});

test('a retry sends afresh instead of taking the work started ahead', () => {
  const { lookahead, starts } = recorded([1, 1, 1], 1);
  lookahead.take(0, true);
  const retried = lookahead.take(1, false);
  assert.equal(retried.nth, 3);
  assert.deepEqual(starts, [0, 1, 1, 2]);
});

test('a test taken a second time (a repeat) sends afresh and is never started ahead again', () => {
  const { lookahead, starts } = recorded([1, 1, 1], 10);
  lookahead.take(0, true);
  lookahead.take(1, true);
  lookahead.take(2, true);
  lookahead.take(0, true); // the same tests again in this worker
  assert.deepEqual(starts, [0, 1, 2, 0]);
  assert.deepEqual(lookahead.startedAhead, []);
  assert.equal(lookahead.take(1, true).nth, 5);
});

test('work started ahead for a test that was skipped before its body is dropped', () => {
  const { lookahead } = recorded([1, 1, 1, 1], 2);
  lookahead.take(0, true); // starts 1 and 2
  lookahead.take(2, true); // test 1 never took its work
  assert.deepEqual(lookahead.startedAhead, [3]);
});

const RUNNER = ['/usr/bin/node', '/repo/node_modules/@playwright/test/cli.js'];

test('a plain `playwright test` runs every test once: requests may go ahead', () => {
  assert.deepEqual(sendAheadFromArgs([...RUNNER, 'test'], {}), { ahead: true, why: 'every test runs once' });
  for (const args of [['--reporter=json'], ['--reporter', 'line'], ['--workers', '1'], ['-j', '3', '--quiet'], ['--retries=0', '--forbid-only']]) {
    assert.equal(sendAheadFromArgs([...RUNNER, 'test', ...args], {}).ahead, true, args.join(' '));
  }
});

test('a run that may leave a test out or repeat it sends nothing ahead', () => {
  const filtered = [
    ['tests/generated/auth.spec.ts'], ['tests/generated/auth.spec.ts:12'], ['--grep', '@AUTH-MISSING'], ['-g', 'x'], ['--grep=@X'],
    ['--grep-invert', 'x'], ['--last-failed'], ['--only-changed'], ['--shard=1/2'], ['--shard', '1/2'], ['--repeat-each', '3'],
    ['--max-failures=1'], ['-x'], ['--list'], ['--ui'], ['--reporter', 'line', 'auth'],
  ];
  for (const args of filtered) assert.equal(sendAheadFromArgs([...RUNNER, 'test', ...args], {}).ahead, false, args.join(' '));
});

test('neither a generated-mutant run nor another command sends ahead', () => {
  assert.equal(sendAheadFromArgs([...RUNNER, 'test'], { CHERT_INTERNAL_MUTANT_RUN: '1' }).ahead, false);
  assert.equal(sendAheadFromArgs([...RUNNER, 'merge-reports', 'dir'], {}).ahead, false);
  assert.equal(sendAheadFromArgs(['/usr/bin/node', '/pw/lib/worker/workerProcessEntry.js'], {}).ahead, false);
});

test('the runner decides once; its workers keep the decision, any other run decides for itself', () => {
  const env: NodeJS.ProcessEnv = {};
  assert.equal(decideSendAhead([...RUNNER, 'test'], env, 100, 1), true);
  assert.equal(env[SEND_AHEAD_ENV], '1@100');
  assert.equal(sendsAhead(env), true);
  assert.equal(decideSendAhead(['/usr/bin/node', 'worker.js'], env, 101, 100), true, 'a worker of runner 100, whose own argv names no test command');
  assert.equal(decideSendAhead([...RUNNER, 'test', '--grep', 'x'], env, 200, 150), false, 'a filtered run started by another process that inherited the variable');
  assert.equal(env[SEND_AHEAD_ENV], '0@200');
  assert.equal(sendsAhead(env), false);
  assert.equal(decideSendAhead([...RUNNER, 'test'], { [SEND_AHEAD_ENV]: '1' }, 300, 1), true, 'an unmarked value is decided again');
  assert.equal(decideSendAhead([...RUNNER, 'test', 'file.spec.ts'], { [SEND_AHEAD_ENV]: '1' }, 300, 1), false);
});
