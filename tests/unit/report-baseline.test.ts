// report:baseline writes every failed / warned requirement of a run with a placeholder reason that
// the loader refuses, naming the entries, until a person writes the reasons in.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { baselineEntries, renderBaseline } from '../../src/report/baseline.ts';
import { ExpectationsError, parseExpectations, PLACEHOLDER_REASON } from '../../src/report/expectations-file.ts';
import { CATALOG, observed, report } from './report-data.ts';

const IDS = new Set(CATALOG.requirements.map((r) => r.id));
const run = report([observed('ROUTE-MUST', 'failed'), observed('ROUTE-SHOULD', 'failed'), observed('AUTH-MUST', 'inconclusive')]);

test('every failed and warned requirement is listed with its status, nothing else', () => {
  assert.deepEqual(baselineEntries(run), [
    { id: 'ROUTE-MUST', status: 'failed', reason: PLACEHOLDER_REASON },
    { id: 'ROUTE-SHOULD', status: 'warned', reason: PLACEHOLDER_REASON },
  ]);
});

test('the written file is refused until each reason is filled in, naming the entries', () => {
  const text = renderBaseline(run, 'reports/conformance.json');
  assert.match(text, /# MUST: A valid create returns `2xx`\.\n {2}- id: ROUTE-MUST\n/, 'each entry opens with its rule');
  assert.throws(() => parseExpectations(text, 'base.yaml', IDS), (e: unknown) => e instanceof ExpectationsError && /fill in the reason of ROUTE-MUST, ROUTE-SHOULD/.test(e.message));
  const filled = text.replaceAll(PLACEHOLDER_REASON, 'Accepted until CH-12 ships');
  assert.deepEqual(parseExpectations(filled, 'base.yaml', IDS).map((e) => [e.id, e.status, e.reason]), [
    ['ROUTE-MUST', 'failed', 'Accepted until CH-12 ships'],
    ['ROUTE-SHOULD', 'warned', 'Accepted until CH-12 ships'],
  ]);
});

test('a run already judged against a file keeps the reasons written there', () => {
  const judged = report([observed('ROUTE-MUST', 'failed'), observed('ROUTE-SHOULD', 'failed')], {
    expectations: [{ id: 'ROUTE-MUST', status: 'failed', reason: 'CH-12', link: 'https://tickets.example/CH-12', until: '2025-06-30' }],
  });
  assert.deepEqual(baselineEntries(judged), [
    { id: 'ROUTE-MUST', status: 'failed', reason: 'CH-12', link: 'https://tickets.example/CH-12', until: '2025-06-30' },
    { id: 'ROUTE-SHOULD', status: 'warned', reason: PLACEHOLDER_REASON },
  ]);
});

test('a conformant run gives an empty list, which loads', () => {
  const text = renderBaseline(report([observed('ROUTE-MUST', 'passed')]), 'r.json');
  assert.deepEqual(parseExpectations(text, 'base.yaml', IDS), []);
});

test('the command writes the file, and refuses to overwrite one without --force', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chert-baseline-'));
  const input = join(dir, 'conformance.json');
  const out = join(dir, 'known.yaml');
  writeFileSync(input, JSON.stringify(run));
  const command = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report-baseline.ts', input, '--out', out, ...args], { encoding: 'utf8' });
  const first = command();
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /Wrote 2 expectations to .*known\.yaml \(ROUTE-MUST, ROUTE-SHOULD\): replace each TODO reason/);
  assert.ok(readFileSync(out, 'utf8').includes('id: ROUTE-MUST'));
  const again = command();
  assert.equal(again.status, 2);
  assert.match(again.stderr, /known\.yaml exists; pass --out for another file, or --force/);
  assert.equal(command('--force').status, 0);
  const bad = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report-baseline.ts', join(dir, 'missing.json'), '--out', join(dir, 'x.yaml')], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
  assert.ok(!existsSync(join(dir, 'x.yaml')));
});
