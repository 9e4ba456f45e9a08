// What one run signed reaches the next run against the same target, and only that target; files
// past the window are removed; a damaged file is passed over (src/run/signature-memory.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keepSignatures, recallSignatures } from '../../src/run/signature-memory.ts';
import type { Settings } from '../../src/config/settings.ts';

const now = () => Math.floor(Date.now() / 1000);
const target = (baseUrl: string) => ({ baseUrl, tenant: { slug: 'acme' } }) as unknown as Settings;

function withDir(body: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'chert-signatures-'));
  try {
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a run recalls what the workers before it signed against the same target, and nothing of another', () => {
  withDir((dir) => {
    keepSignatures(target('http://staging.test'), [['a', now()], ['b', now() + 30]], dir);
    keepSignatures(target('http://staging.test'), [['c', now() - 20]], dir);
    keepSignatures(target('http://other.test'), [['d', now()]], dir);
    assert.deepEqual(recallSignatures(target('http://staging.test'), dir).map(([key]) => key).sort(), ['a', 'b', 'c']);
  });
});

test('entries past the window are dropped, and a file holding nothing else is removed', () => {
  withDir((dir) => {
    keepSignatures(target('http://staging.test'), [['old', now() - 400]], dir);
    keepSignatures(target('http://staging.test'), [['new', now()], ['stale-ahead', now() + 3600]], dir);
    assert.deepEqual(recallSignatures(target('http://staging.test'), dir).map(([key]) => key), ['new']);
    assert.equal(readdirSync(dir).length, 1);
  });
});

test("another target's file is removed once written long before the window, and kept until then", () => {
  withDir((dir) => {
    keepSignatures(target('http://other.test'), [['x', now()]], dir);
    recallSignatures(target('http://staging.test'), dir);
    assert.equal(readdirSync(dir).length, 1);
    const [name] = readdirSync(dir);
    const longAgo = (Date.now() - 3600_000) / 1000;
    utimesSync(join(dir, name!), longAgo, longAgo);
    recallSignatures(target('http://staging.test'), dir);
    assert.equal(readdirSync(dir).length, 0);
  });
});

test('a damaged file or a missing directory is no history, not an error', () => {
  withDir((dir) => {
    keepSignatures(target('http://staging.test'), [['a', now()]], dir);
    const [name] = readdirSync(dir);
    writeFileSync(join(dir, name!.replace(/-[^-]+\.json$/, '-broken.json')), '{"version":1,"entries":[[');
    assert.deepEqual(recallSignatures(target('http://staging.test'), dir).map(([key]) => key), ['a']);
  });
  assert.deepEqual(recallSignatures(target('http://staging.test'), join(tmpdir(), 'no-such-dir-chert')), []);
});
