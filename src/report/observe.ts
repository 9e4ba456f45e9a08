// Reads what the report needs from Playwright's TestCase and TestResult, the one file that knows
// their shape, so collect.ts stays pure and the report survives Playwright's API changes here.
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { TestCase, TestResult, TestError as PlaywrightError } from '@playwright/test/reporter';
import type { Exchange, TestError, TestEvidence, TestObservation, TestStatus } from './types.ts';

/** Tests put this in the error of a request the target never answered. */
export const INCONCLUSIVE_MARKER = '[inconclusive]';

/** The skip reason of a test whose own rule could not be judged (a chat it needs was not created). */
export const unjudgedReason = (why: string): string => `${INCONCLUSIVE_MARKER} not judged: ${why}`;
const EXCERPT_LINES = 12;

type Annotation = { type: string; description?: string };

/**
 * The attempt that decides: the first that failed on the target's answer (a later pass does not
 * undo it; the suite sets no Playwright retries, but a run may: `--retries`), else the last attempt.
 */
function decidingResult(test: TestCase): TestResult | undefined {
  return test.results.find((r) => attemptStatus(r, skipReasonOf(r.annotations)) === 'failed') ?? test.results.at(-1);
}

function skipReasonOf(annotations: readonly Annotation[]): string | undefined {
  return annotations.filter((a) => a.type === 'skip' || a.type === 'fixme').map((a) => a.description ?? '').find((d) => d !== '');
}

export function observe(test: TestCase, rootDir: string): TestObservation {
  const result = decidingResult(test);
  const annotations = uniqueAnnotations([...test.annotations, ...(result?.annotations ?? [])]);
  const described = (type: string) => annotations.filter((a) => a.type === type).map((a) => a.description ?? '');
  const exchanges = result ? readExchanges(result) : { exchanges: [], errors: [] };
  const skipReason = [...described('skip'), ...described('fixme')].find((d) => d !== '');
  const status = result ? attemptStatus(result, skipReasonOf(result.annotations)) : 'inconclusive';
  const operations = operationOutcomes(described('operation'), status);
  const contexts = operationOutcomes(described('context'), status);
  const auth = described('auth');
  const breaches = described('context-breach');
  const evidence: TestEvidence = {
    title: titleOf(test),
    location: `${relative(rootDir, test.location.file).split(sep).join('/')}:${test.location.line}`,
    status,
    durationMs: Math.round(result?.duration ?? 0),
    attempts: test.results.length,
    ...(skipReason === undefined ? {} : { skipReason }),
    errors: [...(result?.errors ?? []).map((e) => toError(e, rootDir)), ...exchanges.errors, ...notJudged(skipReason)],
    seeds: described('seed'),
    counterexamples: described('counterexample'),
    exchanges: exchanges.exchanges,
    ...(operations === undefined ? {} : { operations }),
    ...(contexts === undefined ? {} : { contexts }),
    ...(auth.length === 0 ? {} : { auth }),
    ...(breaches.length === 0 ? {} : { breaches }),
  };
  return { requirementIds: [...new Set(described('requirement'))], evidence };
}

const STATUSES: readonly TestStatus[] = ['passed', 'failed', 'skipped', 'inconclusive'];

/**
 * Each operation a test names (`<operationId>`, declared with the test) with what the test found
 * there (`<operationId>: <status>`, added as it ran; the last word wins), else the test's own status.
 */
export function operationOutcomes(annotations: readonly string[], testStatus: TestStatus): Record<string, TestStatus> | undefined {
  if (annotations.length === 0) return undefined;
  const outcomes: Record<string, TestStatus> = {};
  for (const description of annotations) {
    const [operation = '', found] = description.split(': ');
    outcomes[operation] = STATUSES.includes(found as TestStatus) ? (found as TestStatus) : (outcomes[operation] ?? testStatus);
  }
  return outcomes;
}

/** Runtime annotations appear on both the test and its last result. */
function uniqueAnnotations(annotations: Annotation[]): Annotation[] {
  const seen = new Set<string>();
  return annotations.filter((a) => {
    const key = `${a.type}\u0000${a.description ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Describe titles and the test title, led by the project when there is one (the same test runs per auth mode). */
function titleOf(test: TestCase): string {
  const titles = [test.title];
  // An anonymous describe has no title to show, as in Playwright's own titlePath.
  for (let suite = test.parent; suite.type === 'describe'; suite = suite.parent!) if (suite.title !== '') titles.unshift(suite.title);
  const project = test.parent.project()?.name;
  return (project ? [project, ...titles] : titles).join(' › ');
}

/**
 * A timeout or an interrupted run proves nothing about the target, like a target that did not
 * answer: those are inconclusive, not failures.
 */
function attemptStatus(result: TestResult, skipReason: string | undefined): TestStatus {
  // A test the run cancelled (the target stopped answering) was not judged: inconclusive, not skipped.
  if (result.status === 'skipped') return skipReason?.includes(INCONCLUSIVE_MARKER) ? 'inconclusive' : 'skipped';
  if (result.status === 'passed') return 'passed';
  if (result.status === 'timedOut' || result.status === 'interrupted') return 'inconclusive';
  const marked = result.errors.some((e) => `${e.message ?? ''}${e.value ?? ''}`.includes(INCONCLUSIVE_MARKER));
  return marked ? 'inconclusive' : 'failed';
}

/** The reason a cancelled test gives, as its error, so the requirement's status carries it. */
function notJudged(skipReason: string | undefined): TestError[] {
  return skipReason?.includes(INCONCLUSIVE_MARKER) ? [{ message: skipReason, excerpt: skipReason }] : [];
}

// Playwright colours expect() messages for terminals.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Stack paths are made relative to the project, so a report reads the same from any checkout. */
function toError(error: PlaywrightError, rootDir: string): TestError {
  const text = (error.stack ?? error.message ?? error.value ?? 'Unknown error').replace(ANSI, '').replaceAll(rootDir + sep, '');
  const message = (error.message ?? error.value ?? text).replace(ANSI, '').split('\n')[0]?.trim() ?? '';
  return { message, excerpt: text.split('\n').slice(0, EXCERPT_LINES).join('\n') };
}

function readExchanges(result: TestResult): { exchanges: Exchange[]; errors: TestError[] } {
  const exchanges: Exchange[] = [];
  const errors: TestError[] = [];
  for (const attachment of result.attachments.filter((a) => a.name === 'exchange')) {
    try {
      const text = attachment.body?.toString('utf8') ?? readFileSync(attachment.path ?? '', 'utf8');
      exchanges.push(normalizeExchange(JSON.parse(text)));
    } catch (e) {
      const message = `An exchange attachment could not be read: ${(e as Error).message}`;
      errors.push({ message, excerpt: message });
    }
  }
  return { exchanges, errors };
}

type Loose = Record<string, unknown>;

function asRecord(value: unknown, what: string): Loose {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} is not an object`);
  return value as Loose;
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

function asHeaders(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  return Object.fromEntries(Object.entries(asRecord(value, 'headers')).map(([k, v]) => [k, asText(v)]));
}

/** Copies only the documented fields, as text, so hostile or odd attachments cannot bend the report's shape. */
export function normalizeExchange(value: unknown): Exchange {
  const raw = asRecord(value, 'the exchange');
  const request = asRecord(raw.request, 'request');
  const response = raw.response === null || raw.response === undefined ? null : asRecord(raw.response, 'response');
  return {
    request: {
      method: asText(request.method),
      url: asText(request.url),
      headers: asHeaders(request.headers),
      body: request.body === null || request.body === undefined ? null : asText(request.body),
    },
    response: response && { status: Math.trunc(Number(response.status)) || 0, headers: asHeaders(response.headers), body: asText(response.body ?? '') },
    ...(raw.error === undefined ? {} : { error: asText(raw.error) }),
    curl: asText(raw.curl ?? ''),
  };
}
