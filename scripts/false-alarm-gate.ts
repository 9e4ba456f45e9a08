// `npm run gate:readings` (a step of `npm test`): the suite must not fail a correct server that
// reads the docs otherwise. The mock takes the other readings of every open choice
// (specs/open-choices.yaml, src/mock/readings.ts): all at once ("alternate", then "alternate-2"...),
// and each reading that cannot be combined on its own. Each run must have no failed MUST and warn
// no SHOULD but those a reading is known not to meet (a reading's `warns`). The first
// configuration runs twice against one mock process, as a gate meets a staging target that has
// seen earlier runs (their chats, keys and histories).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mockTenantEnv } from '../src/config/settings.ts';
import { loadRegister } from '../src/contract/open-choices.ts';
import { gateConfigurations, type GateConfiguration } from '../src/mock/readings.ts';
import { SETTLING_CHOICES } from '../src/mock/store.ts';
import { startMockProcess } from '../src/run/start-mock.ts';

type Report = { verdict: string; exitCode: number; requirements: { id: string; level: string; status: string; tests: { title: string; skipReason?: string; errors: { message: string }[] }[] }[] };
type Outcome = { label: string; ok: boolean; lines: string[] };

/** The safe profile with fictional numbers allowlisted, so its few accepted sends can run. */
const SAFE_WITH_RECIPIENTS = { CHERT_PROFILE: 'safe', CHERT_LIVE_RECIPIENTS: '+12025550101,+12025550102,+447700900123', CHERT_MAX_SENDS: '12' };

/** Longer than any run: a settling reading stays unsettled throughout. */
const NEVER_MS = 3_600_000;

const PLAYWRIGHT = fileURLToPath(new URL('../node_modules/@playwright/test/cli.js', import.meta.url));
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]?.split(',') : undefined;

/** Runs the suite once; its report, or undefined when it wrote none. */
function runSuite(env: Record<string, string>): Promise<{ status: number | null; report: Report | undefined; output: string }> {
  const reportDir = mkdtempSync(join(tmpdir(), 'chert-gate-'));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CHERT_')));
  const child = spawn(process.execPath, [PLAYWRIGHT, 'test'], {
    env: { ...inherited, ...mockTenantEnv(), CHERT_REPORTERS: 'line', CHERT_REPORT_DIR: reportDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    child.on('close', (status) => {
      let report: Report | undefined;
      try {
        report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as Report;
      } catch {
        report = undefined;
      }
      rmSync(reportDir, { recursive: true, force: true });
      resolve({ status, report, output });
    });
  });
}

/** The chats the mock process created so far (its own stats route). */
async function chatsCreated(url: string): Promise<number> {
  const stats = (await (await fetch(`${url}/__mock/stats`)).json()) as { chatsCreated: number };
  return stats.chatsCreated;
}

/** The SHOULDs the readings taken are known not to meet. */
function expectedWarnings(config: GateConfiguration): Set<string> {
  const choices = new Map(loadRegister().choices.map((c) => [c.id, c]));
  return new Set(config.readings.flatMap(([id, reading]) => choices.get(id)?.readings.find((r) => r.id === reading)?.warns ?? []));
}

function judge(label: string, config: GateConfiguration, run: Awaited<ReturnType<typeof runSuite>>): Outcome {
  const { report } = run;
  if (!report) return { label, ok: false, lines: [`no conformance.json (exit ${String(run.status)}):`, run.output.slice(-2000)] };
  const failed = report.requirements.filter((r) => r.status === 'failed');
  const allowed = expectedWarnings(config);
  const warned = report.requirements.filter((r) => r.status === 'warned' && !allowed.has(r.id));
  const problems = [...failed, ...warned].flatMap((r) => r.tests.filter((t) => t.errors.length > 0).map((t) => `${r.id} (${r.status}): ${t.title}\n    ${t.errors[0]?.message.split('\n').slice(0, 4).join('\n    ')}`));
  const exitOk = config.expect === 'no-failure' ? run.status === 0 || run.status === 2 : run.status === 0;
  // Under a reading expected conformant, a rule left unjudged is a check that cannot cope with it.
  if (!exitOk) {
    const unjudged = report.requirements.filter((r) => r.status === 'inconclusive');
    problems.push(...unjudged.flatMap((r) => r.tests.filter((t) => t.errors.length > 0 || t.skipReason).slice(0, 2).map((t) => `${r.id} (inconclusive): ${t.title}\n    ${(t.errors[0]?.message ?? t.skipReason ?? '').split('\n')[0]}`)));
  }
  const ok = failed.length === 0 && warned.length === 0 && exitOk;
  const verdict = `exit ${String(run.status)}, ${report.verdict}, ${failed.length} failed MUST, ${warned.length} unexpected warnings`;
  return { label, ok, lines: [verdict, ...problems] };
}

async function main(): Promise<void> {
  const started = Date.now();
  const configs = gateConfigurations().filter((c) => only === undefined || only.includes(c.label));
  const outcomes: Outcome[] = [];
  for (const [i, config] of configs.entries()) {
    const before = outcomes.length;
    const readings = config.readings.map(([id, reading]) => `${id}=${reading}`).join(',');
    if (i === 0 && config.expect === 'conformant') {
      // A target that has seen earlier runs: the same mock process, twice.
      const mock = await startMockProcess(['--reading', readings], { ...process.env, ...mockTenantEnv() });
      try {
        for (const round of [1, 2]) outcomes.push(judge(`${config.label}, run ${round} against one mock`, config, await runSuite({ CHERT_BASE_URL: mock.url, CHERT_PROFILE: 'full' })));
        // The safe profile sends to the same allowlisted recipients every run: a target that reuses
        // a chat for the same recipients meets the earlier runs' chats here for certain.
        for (const round of [1, 2]) outcomes.push(judge(`${config.label}, safe run ${round} against one mock`, config, await runSuite({ CHERT_BASE_URL: mock.url, ...SAFE_WITH_RECIPIENTS })));
        // Live safety under every reading: with no recipient allowlisted, a safe run creates no chat.
        const before = await chatsCreated(mock.url);
        const safe = judge(`${config.label}, safe run with no allowlist`, config, await runSuite({ CHERT_BASE_URL: mock.url, CHERT_PROFILE: 'safe' }));
        const created = (await chatsCreated(mock.url)) - before;
        outcomes.push(created === 0 ? safe : { ...safe, ok: false, lines: [...safe.lines, `the safe run created ${created} chat(s)`] });
      } finally {
        await mock.stop();
      }
    } else {
      outcomes.push(judge(config.label, config, await runSuite({ CHERT_BASE_URL: '', CHERT_MOCK_READINGS: readings })));
      // Once more with the reading never settling while the run lasts: whatever a check meets
      // only when its request comes early (on a loaded machine, say), it meets here every time.
      if (config.readings.some(([id]) => SETTLING_CHOICES.includes(id))) {
        const unsettled = { ...config, expect: 'no-failure' as const };
        outcomes.push(judge(`${config.label}, never settling within the run`, unsettled, await runSuite({ CHERT_BASE_URL: '', CHERT_MOCK_READINGS: readings, CHERT_MOCK_SETTLE_MS: String(NEVER_MS) })));
      }
    }
    for (const o of outcomes.slice(before)) console.log(`${o.ok ? 'ok  ' : 'FAIL'} ${o.label}: ${o.lines.join('\n      ')}`);
  }
  const failed = outcomes.filter((o) => !o.ok);
  console.log(`False-alarm gate: ${outcomes.length - failed.length}/${outcomes.length} runs judged the mock conformant under other readings, in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  process.exit(failed.length === 0 ? 0 : 1);
}

await main();
