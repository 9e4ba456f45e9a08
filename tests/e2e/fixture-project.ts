// A throw-away Playwright project that exercises the conformance reporter without the real suite
// or a target: one test per outcome, tagged so --grep picks the mix each exit code needs.
import { spawn } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const REPORTER = join(REPO_ROOT, 'src/report/conformance-reporter.ts');

/** What the failing MUST attaches: a response written to break out of the page. */
export const HOSTILE_BODY = '<script>document.title="pwned"</script><img src=x onerror="alert(1)">';

const SPEC = `
import { test, expect } from '@playwright/test';

const requirement = (id: string) => ({ annotation: { type: 'requirement', description: id } });

test('a valid create returns 2xx @pass', requirement('CHAT-CREATE-2XX'), () => {
  expect(201).toBeGreaterThanOrEqual(200);
});

test('the success body has the documented shape @must', requirement('CHAT-RESPONSE-SCHEMA'), async ({}, testInfo) => {
  testInfo.annotations.push({ type: 'seed', description: '424242' });
  testInfo.annotations.push({ type: 'counterexample', description: 'POST /api/v1/chats\\n{"from":"+15555550100","to":["+15555550123"],"message":{"parts":[]}}' });
  await testInfo.attach('exchange', {
    contentType: 'application/json',
    body: JSON.stringify({
      request: { method: 'POST', url: 'http://127.0.0.1:9/api/v1/chats', headers: { authorization: 'Bearer $CHERT_SIGNING_SECRET', 'x-evil': '"><script>alert(2)</script>' }, body: '{"to":["+15555550123"]}' },
      response: { status: 200, headers: { 'content-type': 'text/html' }, body: ${JSON.stringify(HOSTILE_BODY)} },
      curl: "curl -sS -X POST 'http://127.0.0.1:9/api/v1/chats' -H \\"Authorization: Bearer $CHERT_SIGNING_SECRET\\"",
    }),
  });
  expect({ success: true }, 'the body is the success shape (seed 424242)').toEqual({ chat: {}, message: {} });
});

test('chat.id is a UUID @should', requirement('CHAT-ID-UUID'), () => {
  expect('chat_123').toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
});

test('formatted numbers are normalised or rejected @skip', requirement('PHONE-FORMATTED'), () => {
  test.skip(true, 'needs a target that stores numbers');
});

test('no credentials returns 401 @inconclusive', requirement('AUTH-MISSING'), () => {
  throw new Error('[inconclusive] the target did not answer: connect ECONNREFUSED 127.0.0.1:9');
});
`;

/** Fails like a preflight against a target that is down, when FIXTURE_TARGET_DOWN is set. */
const GLOBAL_SETUP = `
export default async function globalSetup() {
  if (process.env.FIXTURE_TARGET_DOWN) throw new Error('The target did not answer: connect ECONNREFUSED 127.0.0.1:9. Check CHERT_BASE_URL.');
}
`;

function config(): string {
  return `
import { defineConfig } from '@playwright/test';
const reportDir = process.env.CHERT_REPORT_DIR as string;
export default defineConfig({
  testDir: '.',
  globalSetup: './global-setup.ts',
  fullyParallel: true,
  reporter: [
    ['list'],
    [${JSON.stringify(REPORTER)}],
    ['junit', { outputFile: reportDir + '/junit.xml' }],
    ['html', { outputFolder: reportDir + '/playwright-html', open: 'never' }],
  ],
});
`;
}

/** A fresh project folder; its node_modules links to the repo's so '@playwright/test' is one instance. */
export function createFixtureProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chert-report-fixture-'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(join(dir, 'playwright.config.ts'), config());
  writeFileSync(join(dir, 'outcomes.spec.ts'), SPEC);
  writeFileSync(join(dir, 'global-setup.ts'), GLOBAL_SETUP);
  return dir;
}

export type RunResult = { code: number | null; stdout: string; stderr: string };

/** Runs a command with no CHERT_* variable inherited, so the developer's own settings cannot leak in. */
export function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<RunResult> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CHERT_')));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export type FixtureRun = RunResult & { reportDir: string };

/** One `playwright test` run of the fixture project into a new report folder. */
export async function runFixture(project: string, args: string[] = [], env: Record<string, string> = {}): Promise<FixtureRun> {
  const reportDir = mkdtempSync(join(project, 'reports-'));
  // Playwright empties its output folder first; runs side by side each need their own.
  const output = ['--output', `${reportDir}-results`];
  const result = await run('npx', ['playwright', 'test', ...output, ...args], project, { CHERT_REPORT_DIR: reportDir, ...env });
  return { ...result, reportDir };
}
