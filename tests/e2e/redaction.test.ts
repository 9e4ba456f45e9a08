// Secrets never reach reports/: the real suite runs with known, unusual signing secrets against a
// built-in mock with a fault (so failures attach signed and bearer exchanges), then every file of
// the report folder, inside zips and base64 data included, is searched for the secrets and for
// any 64-hex signature.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, run } from './fixture-project.ts';
import { scanBuffer, scanFolder, type Needle } from './scan.ts';

const SECRET = '5ec2e7c0ffee5ec2e7c0ffee5ec2e7c0';
const SECRET_B = 'b5ec2e7d00db5ec2e7d00db5ec2e7d00';
// A request with both a bearer token and a signature crashes: AUTH-SIGNATURE-FIRST fails, and its
// evidence holds both an Authorization header and a signature header.
const FAULT = 'auth-both-headers-500';

const NEEDLES: Needle[] = [
  { name: 'CHERT_SIGNING_SECRET', pattern: new RegExp(SECRET, 'i') },
  { name: 'CHERT_SIGNING_SECRET_B', pattern: new RegExp(SECRET_B, 'i') },
  { name: 'signature', pattern: /[0-9a-f]{64}/ },
];

const skip = existsSync(join(REPO_ROOT, 'playwright.config.ts')) ? false : 'playwright.config.ts is missing: the suite is not runnable yet.';

test('the scanner finds a secret inside a base64 zip, as Playwright embeds its report', () => {
  // A one-entry stored zip holding the secret, inside a data URI inside HTML.
  const name = Buffer.from('a.txt');
  const body = Buffer.from(`token ${SECRET}`);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(body.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(body.length, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + body.length, 16);
  const zip = Buffer.concat([local, name, body, central, name, end]);
  const html = Buffer.from(`<template>data:application/zip;base64,${zip.toString('base64')}</template>`);
  assert.deepEqual(scanBuffer(html, 'index.html', NEEDLES).map((h) => [h.where, h.needle]), [['index.html#base64-0!a.txt', 'CHERT_SIGNING_SECRET']]);
});

test('no file under reports/ holds a signing secret or a signature', { skip, timeout: 600_000 }, async () => {
  const reportDir = mkdtempSync(join(tmpdir(), 'chert-redaction-'));
  const result = await run('npx', ['playwright', 'test'], REPO_ROOT, {
    // Set but empty, so a developer's .env cannot point this run at a real target.
    CHERT_BASE_URL: '',
    CHERT_REPORT_DIR: reportDir,
    CHERT_MOCK_FAULT: FAULT,
    CHERT_TENANT: 'acme',
    CHERT_SIGNING_SECRET: SECRET,
    CHERT_FROM: '+15555550100',
    CHERT_TENANT_B: 'globex',
    CHERT_SIGNING_SECRET_B: SECRET_B,
    CHERT_FROM_B: '+15555550101',
  });
  const output = `${result.stdout}\n${result.stderr}`;
  assert.equal(result.code, 1, `the fault ${FAULT} makes a MUST fail\n${output.slice(-3000)}`);
  for (const file of ['conformance.json', 'conformance.html', 'badge.svg', 'junit.xml', 'playwright-html/index.html']) {
    assert.ok(existsSync(join(reportDir, file)), `${file} was written`);
  }
  // The failure's evidence was written, redacted: the scan below has something to find.
  const json = readFileSync(join(reportDir, 'conformance.json'), 'utf8');
  assert.match(json, /Bearer \$CHERT_SIGNING_SECRET/);
  assert.match(json, /<signature>/);

  const { files, hits } = scanFolder(reportDir, NEEDLES);
  assert.ok(files >= 5, `scanned ${files} files`);
  assert.deepEqual(hits.map((h) => `${h.needle} in ${h.where}: …${h.excerpt}…`), []);
  assert.doesNotMatch(output, new RegExp(`${SECRET}|${SECRET_B}`), 'the terminal output holds no secret either');
});
