import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAsV8, installFastStacks, isTranspiled, skipUnmappable } from '../fixtures/playwright-internals.ts';

type Prepare = (error: Error, frames: NodeJS.CallSite[]) => unknown;

/** Sets or removes (undefined: V8's own format) the process's stack formatter. */
function setPrepare(prepare: Prepare | undefined): void {
  if (prepare) Error.prepareStackTrace = prepare;
  else delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
}

const fakeFrame = (file: string): NodeJS.CallSite => ({ getFileName: () => file, toString: () => `f (${file}:1:1)` }) as unknown as NodeJS.CallSite;

test('project files are transpiled; packages and node internals are not', () => {
  assert.equal(isTranspiled('/work/main/tests/fixtures/client.ts'), true);
  assert.equal(isTranspiled('file:///work/main/src/client/chert-client.ts'), true);
  assert.equal(isTranspiled('/work/main/node_modules/playwright/lib/worker/workerProcessEntry.js'), false);
  assert.equal(isTranspiled('node:internal/process/task_queues'), false);
  assert.equal(isTranspiled(null), false);
});

test('a stack with no project frame is formatted as V8 would, without the mapper', () => {
  let mapperCalls = 0;
  const prepare = skipUnmappable(() => ++mapperCalls);
  const frames = [fakeFrame('/x/node_modules/playwright/lib/a.js'), fakeFrame('node:internal/b')];
  const error = new Error('boom');
  assert.equal(prepare(error, frames), 'Error: boom\n    at f (/x/node_modules/playwright/lib/a.js:1:1)\n    at f (node:internal/b:1:1)');
  assert.equal(mapperCalls, 0);
});

test('a stack with a project frame goes to the mapper', () => {
  const prepare = skipUnmappable(() => 'mapped');
  assert.equal(prepare(new Error('x'), [fakeFrame('/x/node_modules/p.js'), fakeFrame('/work/main/tests/a.spec.ts')]), 'mapped');
});

test("V8's own format is reproduced for real call sites", () => {
  // Two errors made at the same place: one printed by V8, one by formatAsV8 from its call sites.
  const [native, ours] = [0, 1].map(() => new Error('real'));
  const saved = Error.prepareStackTrace;
  // tsx maps stacks with node's own source maps; V8's unmapped format is what is compared here.
  process.setSourceMapsEnabled(false);
  try {
    setPrepare(undefined);
    const printedByV8 = (native as Error).stack;
    setPrepare((error, frames) => formatAsV8(error, frames));
    assert.equal((ours as Error).stack, printedByV8);
  } finally {
    process.setSourceMapsEnabled(true);
    Error.prepareStackTrace = saved;
  }
});

test('installing wraps the current mapper once, and does nothing without one', () => {
  const saved = Error.prepareStackTrace;
  try {
    setPrepare(undefined);
    installFastStacks();
    assert.equal(Error.prepareStackTrace, undefined);
    const mapper: Prepare = () => 'mapped';
    setPrepare(mapper);
    installFastStacks();
    const wrapped = Error.prepareStackTrace;
    assert.notEqual(wrapped, mapper);
    installFastStacks();
    assert.equal(Error.prepareStackTrace, wrapped);
  } finally {
    Error.prepareStackTrace = saved;
  }
});
