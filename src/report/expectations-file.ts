// Reads and checks the file CHERT_EXPECTATIONS names. Every problem is one line that names the file
// and what to fix, so global setup can stop the run with it (exit 2) before any test.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import type { Expectation } from './expectations.ts';

// ajv-formats ships CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export const EXPECTATIONS_SCHEMA_PATH = fileURLToPath(new URL('../../schemas/expectations.schema.json', import.meta.url));

/** What `npm run report:baseline` writes as a reason; the run refuses it until a person replaces it. */
export const PLACEHOLDER_REASON = 'TODO: say why this deviation is accepted, or fix the target';
const PLACEHOLDER = /^\s*TODO\b/;

export function catalogIds(catalog: { requirements: readonly { id: string }[] }): Set<string> {
  return new Set(catalog.requirements.map((r) => r.id));
}

export class ExpectationsError extends Error {
  override name = 'ExpectationsError';
}

let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  if (!validator) {
    const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
    validator = ajv.compile(JSON.parse(readFileSync(EXPECTATIONS_SCHEMA_PATH, 'utf8')) as object);
  }
  return validator;
}

/** Reads, parses and checks the file against the schema and the catalog's ids. */
export function loadExpectations(file: string, knownIds: ReadonlySet<string>): Expectation[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ExpectationsError(`CHERT_EXPECTATIONS names ${file}, which cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}). Fix the path or unset CHERT_EXPECTATIONS.`);
  }
  return parseExpectations(text, file, knownIds);
}

export function parseExpectations(text: string, file: string, knownIds: ReadonlySet<string>): Expectation[] {
  const fail = (what: string): never => {
    throw new ExpectationsError(`Expectations file ${file}: ${what}`);
  };
  let value: unknown;
  try {
    value = parse(text);
  } catch (e) {
    fail(`not valid YAML (${(e as Error).message.split('\n')[0] ?? ''}).`);
  }
  const placeholders = placeholderIds(value);
  if (placeholders.length > 0) fail(`fill in the reason of ${placeholders.join(', ')} (the baseline's placeholder is not a reason).`);
  const validate = compiled();
  if (!validate(value)) fail(`${describe(validate.errors ?? [], value)}. See schemas/expectations.schema.json.`);
  const expectations = (value as { expectations: Expectation[] }).expectations;
  const unknown = expectations.map((e) => e.id).filter((id) => !knownIds.has(id));
  if (unknown.length > 0) fail(`${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in specs/requirements.yaml; fix or remove ${unknown.length === 1 ? 'that entry' : 'those entries'}.`);
  const repeated = expectations.map((e) => e.id).filter((id, i, all) => all.indexOf(id) !== i);
  if (repeated.length > 0) fail(`${[...new Set(repeated)].join(', ')} listed more than once; keep one entry per requirement.`);
  return expectations;
}

/** Checked before the schema so the message names every entry still to fill in, not only the first. */
function placeholderIds(value: unknown): string[] {
  const list: unknown = (value as { expectations?: unknown } | null)?.expectations;
  if (!Array.isArray(list)) return [];
  const entries = list as ({ id?: unknown; reason?: unknown } | null)[];
  return entries
    .filter((e) => typeof e?.reason === 'string' && PLACEHOLDER.test(e.reason))
    .map((e) => String(e?.id ?? '(an entry without id)'));
}

/** The first problem, located by the entry's id when it has one: "CHAT-ID-UUID: status must be ...". */
function describe(errors: ErrorObject[], value: unknown): string {
  const first = errors[0];
  if (!first) return 'does not match the schema';
  const index = /^\/expectations\/(\d+)/.exec(first.instancePath)?.[1];
  const entries = (value as { expectations?: { id?: unknown }[] } | null)?.expectations;
  const entry = index === undefined ? undefined : entries?.[Number(index)];
  const where = index === undefined ? (first.instancePath || 'the file') : `entry ${Number(index) + 1}${typeof entry?.id === 'string' ? ` (${entry.id})` : ''}`;
  const field = first.instancePath.replace(/^\/expectations\/\d+\/?/, '');
  const allowed = first.keyword === 'enum' ? `: ${(first.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : '';
  return `${where}${field ? ` ${field}` : ''} ${first.message ?? 'is invalid'}${allowed}`;
}
