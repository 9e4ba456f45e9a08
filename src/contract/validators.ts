// ajv validators (2020-12, strict, allErrors, formats) compiled once per process from the
// OpenAPI document's component schemas: the one source of truth for every shape.
import { Ajv2020, type ValidateFunction, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { loadSpec } from './spec.ts';

// ajv-formats ships CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const ROOT_ID = 'https://chert-conformance.local/openapi';

export type SchemaName =
  | 'CreateChatRequest'
  | 'CreateChatResponse'
  | 'SendMessageRequest'
  | 'SendMessageResponse'
  | 'MessageList'
  | 'ErrorEnvelope'
  | 'MessagePart'
  | 'E164';

export type ValidationResult = { valid: true } | { valid: false; errors: string[] };

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

/**
 * OpenAPI refs point into `#/components/schemas`; ajv wants a JSON Schema root, so the component
 * schemas become `$defs` of one root. ajv's discriminator cannot read OpenAPI `mapping`, which the
 * `const` of each part type already encodes, so `mapping` is dropped.
 */
function rootSchema(): object {
  const schemas = loadSpec().components.schemas;
  const text = JSON.stringify(schemas).replaceAll('#/components/schemas/', '#/$defs/');
  const defs = JSON.parse(text, (key, value: unknown) => {
    // Vendor extensions (x-chert-…) steer the generators; ajv's strict mode rejects unknown keywords.
    if (key.startsWith('x-')) return undefined;
    if (key === 'discriminator' && typeof value === 'object' && value !== null) {
      const { propertyName } = value as { propertyName: string };
      return { propertyName };
    }
    return value;
  }) as Record<string, object>;
  return { $id: ROOT_ID, $defs: defs };
}

function instance(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ strict: true, allErrors: true, discriminator: true });
    addFormats(ajv);
    ajv.addSchema(rootSchema());
  }
  return ajv;
}

export function validator(name: string): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    const schema = instance().getSchema(`${ROOT_ID}#/$defs/${name}`);
    if (!schema) throw new Error(`No schema "${name}" in the OpenAPI components.`);
    fn = schema;
    compiled.set(name, fn);
  }
  return fn;
}

/** One line per ajv error: where in the instance, and what the schema wanted. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath === '' ? '(body)' : e.instancePath;
    const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : '';
    return `${where} ${e.message ?? e.keyword}${extra}`;
  });
}

export function validate(name: SchemaName | string, data: unknown): ValidationResult {
  const fn = validator(name);
  return fn(data) ? { valid: true } : { valid: false, errors: describeErrors(fn.errors) };
}

type ResponseObject = { $ref?: string; content?: Record<string, { schema?: { $ref?: string } }> };

/**
 * The component schema the spec documents for a route's answer with this status, or undefined
 * when the spec documents no such status for the route.
 */
export function responseSchemaName(path: string, method: string, status: number): string | undefined {
  const spec = loadSpec();
  const operation = spec.paths[path]?.[method.toLowerCase()] as { responses?: Record<string, ResponseObject> } | undefined;
  let response = operation?.responses?.[String(status)];
  if (response?.$ref) {
    const name = response.$ref.replace('#/components/responses/', '');
    response = spec.components.responses[name] as ResponseObject | undefined;
  }
  const ref = response?.content?.['application/json']?.schema?.$ref;
  return ref?.replace('#/components/schemas/', '');
}

let templates: { template: string; pattern: RegExp }[] | undefined;

/**
 * The spec's path template (`/api/v1/chats/{id}/typing`) a concrete request path falls under, so
 * every route's answers are judged by its documented schemas; the path itself when none matches.
 * A literal path wins over a template (a parameter never spans a `/`).
 */
export function specPathFor(requestPath: string): string {
  const path = requestPath.split('?')[0] as string;
  templates ??= Object.keys(loadSpec().paths)
    .sort((a, b) => Number(a.includes('{')) - Number(b.includes('{')))
    .map((template) => ({ template, pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
  return templates.find((t) => t.pattern.test(path))?.template ?? path;
}
