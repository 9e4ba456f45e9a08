// Is the body the shape the spec documents for this route and status? The OpenAPI document is the
// one source of truth for shapes; ajv judges it (src/contract/validators.ts).
import { responseSchemaName, specPathFor, validate } from '../contract/validators.ts';
import { received, type Answer } from './answer.ts';
import { problem, type Problem } from './problem.ts';

const SUCCESS_STATUSES = [200, 201, 202, 203, 204];

/**
 * The component schema the spec gives this answer: its route's for the status. Which 2xx a
 * success answers is an open choice (success-status), so any 2xx takes the route's success schema.
 */
export function documentedSchema(answer: Pick<Answer, 'method' | 'path' | 'status'>): string | undefined {
  const path = specPathFor(answer.path);
  const exact = responseSchemaName(path, answer.method, answer.status);
  if (exact || answer.status < 200 || answer.status >= 300) return exact;
  return SUCCESS_STATUSES.map((status) => responseSchemaName(path, answer.method, status)).find((name) => name !== undefined);
}

/** The body validates against `schema`, or against what the spec documents for the answer's route and status. */
export function schemaProblems(requirement: string, answer: Answer, schema = documentedSchema(answer)): Problem[] {
  if (!schema) return [problem(requirement, `HTTP ${answer.status} is not a documented answer of ${answer.method} ${specPathFor(answer.path)}\n  received ${received(answer)}`)];
  if (answer.json === undefined) return [problem(requirement, `expected a JSON ${schema}\n  received ${received(answer)}`)];
  const result = validate(schema, answer.json);
  return result.valid ? [] : [problem(requirement, `the body does not match ${schema}:\n  - ${result.errors.join('\n  - ')}\n  received ${received(answer)}`)];
}

/** A 2xx whose body is the documented shape (`schema`, or the route's own). */
export function successProblems(requirement: string, answer: Answer, schema?: string): Problem[] {
  if (answer.status < 200 || answer.status >= 300) return [problem(requirement, `expected a 2xx\n  received ${received(answer)}`)];
  return schemaProblems(requirement, answer, schema ?? documentedSchema(answer));
}
