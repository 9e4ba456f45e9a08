// Validates a conformance report against schemas/conformance-report.schema.json (the published
// contract), for the compare command's input and for the unit tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ConformanceReport } from './types.ts';

// ajv-formats ships CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export const REPORT_SCHEMA_PATH = fileURLToPath(new URL('../../schemas/conformance-report.schema.json', import.meta.url));

let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  if (!validator) {
    const ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
    validator = ajv.compile(JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')) as object);
  }
  return validator;
}

/** Problems as "/path: message" lines; empty when the value is a valid report. */
export function reportProblems(value: unknown): string[] {
  const validate = compiled();
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'is invalid'}`);
}

export function isReport(value: unknown): value is ConformanceReport {
  return reportProblems(value).length === 0;
}
